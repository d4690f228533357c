// SecStore (nexus/db-queries/src/db/sec_store.rs): how a SEC persists a saga's log and state.
// Event and state writes are retried forever with backoff on the Nexus's clock, as omicron does;
// only a fencing rejection (fenced design) stops the retries, and with them the saga.
import type { Clock } from '../../sim/index.js';
import type { NexusProcess } from '../process.js';
import { sagaCreateEvent, sagaUpdateState, type SecWriter, type TraceFn } from './datastore.js';
import { SagaFenced, type DbSagaState, type NodeEventType } from './types.js';

/** omicron's internal-service retry policy: 250 ms doubling; capped here at one minute. */
export const SEC_STORE_BACKOFF = { initialMs: 250, multiplier: 2, maxMs: 60_000 };

export class SecStore {
  private readonly trace: TraceFn;
  private readonly clock: Clock;

  constructor(
    private readonly p: NexusProcess,
    private readonly sagaId: string,
    private readonly writer: SecWriter,
  ) {
    this.trace = (kind, data) => p.ctx.trace(kind, data);
    this.clock = p.clock;
  }

  recordEvent(nodeId: number, eventType: NodeEventType, data?: unknown): Promise<void> {
    return this.retry(`node event ${nodeId}/${eventType}`, () =>
      sagaCreateEvent(this.p.db, this.trace, this.clock.now(), this.writer, { sagaId: this.sagaId, nodeId, eventType, data }),
    );
  }

  updateState(state: DbSagaState): Promise<void> {
    return this.retry(`state ${state}`, () => sagaUpdateState(this.p.db, this.trace, this.writer, this.sagaId, state));
  }

  private async retry(what: string, write: () => Promise<void>): Promise<void> {
    let delay = SEC_STORE_BACKOFF.initialMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (err) {
        if (err instanceof SagaFenced) throw err;
        this.p.trace('saga.sec_store_retry', { saga: this.sagaId, what, attempt, delayMs: delay, error: err instanceof Error ? err.message : String(err) });
        await this.clock.sleep(delay);
        delay = Math.min(delay * SEC_STORE_BACKOFF.multiplier, SEC_STORE_BACKOFF.maxMs);
      }
    }
  }
}
