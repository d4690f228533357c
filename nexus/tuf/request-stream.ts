// omicron's `into_stream` + `buffer_unordered(MAX_REQUEST_CONCURRENCY)`: PUTs first (each holds a
// semaphore permit until it finishes); the copy-after-put stream waits for every PUT permit; then
// `select(copy_after_put, other.chain(recopy))` alternates between the two. At most 8 requests are
// in flight. No retries: a failure is only counted.
import { simWait } from '../../sim/index.js';
import type { Plan, PlannedRequest } from './planner.js';

export const MAX_REQUEST_CONCURRENCY = 8;

export async function runRequests(plan: Plan, exec: (r: PlannedRequest) => Promise<void>, concurrency = MAX_REQUEST_CONCURRENCY): Promise<void> {
  const puts = plan.put;
  const afterPut = plan.copyAfterPut;
  const rest = [...plan.other, ...plan.recopy];
  let nextPut = 0;
  let nextAfter = 0;
  let nextRest = 0;
  let putsLeft = puts.length;
  let afterTurn = true; // `select` polls its first stream first
  let releasePuts = () => {};
  const putsDone = putsLeft === 0 ? Promise.resolve() : simWait((wake) => (releasePuts = wake));

  const pull = async (): Promise<PlannedRequest | undefined> => {
    if (nextPut < puts.length) return puts[nextPut++];
    for (;;) {
      const afterReady = nextAfter < afterPut.length && putsLeft === 0;
      if (afterTurn && afterReady) {
        afterTurn = false;
        return afterPut[nextAfter++];
      }
      afterTurn = true;
      if (nextRest < rest.length) return rest[nextRest++];
      if (afterReady) return afterPut[nextAfter++];
      if (nextAfter >= afterPut.length) return undefined;
      await putsDone;
    }
  };

  const worker = async () => {
    for (let r = await pull(); r; r = await pull()) {
      try {
        await exec(r);
      } finally {
        if (r.kind === 'put' && --putsLeft === 0) releasePuts();
      }
    }
  };
  const n = Math.min(concurrency, puts.length + afterPut.length + rest.length);
  await Promise.all(Array.from({ length: n }, worker));
}
