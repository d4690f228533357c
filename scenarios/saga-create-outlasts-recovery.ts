// saga-create-outlasts-recovery: the window omicron's two-listing rule leaves (README "findings",
// found by rack-workload seed 1197). The operator creates a demo saga on Nexus 1 shortly before
// the periodic saga-recovery pass, while Nexus 1's DB stalls: the saga is announced to recovery
// (`saga_prepare`) and its insert is sent, but lands seconds later. The periodic pass and an omdb
// activation right after it both list the DB before the row exists, so `Plan::new`
// (nexus/saga-recovery/src/recovery.rs) makes the saga "maybe done", then "inferred done", and
// forgets it. The next pass lists the row as this SEC's and not running here: it resumes it, Steno
// refuses the duplicate id (a permanent failure) and the running saga is abandoned.
// Variants:
// - omicron-today: as above; recovery-skips-own-sagas catches the third pass. The creator runs
//   the saga on and its final write replaces `abandoned` with `done`.
// - in-flight-creates-kept (a fix): a saga whose insert had not returned when a pass's listing
//   began is kept "maybe done", never inferred done from that listing; the third pass skips it.
// - ...-crash: Nexus 1 crashes after the third pass and restarts. Under omicron-today the saga is
//   abandoned, so no pass ever recovers it (every-saga-ends-done); under the fix the boot pass
//   recovers it and it completes.
// The fix keeps omicron's listing-then-drain order; what it adds is knowing which inserts are in
// flight, which a Nexus has (saga_prepare runs up to Steno's saga_create in this process).
import { omdbBackgroundTaskShow, sagaPlugin, SAGA_RECOVERY_TASK, type BackgroundTaskView, type DoneInference } from '../nexus/index.js';
import { actionInOneSec, everySagaEndsDone, logWrittenByCurrentSec, recoveryResumesOnlyForeignSagas } from './checkers/index.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { LockstepClient } from './saga-client.js';
import { sagaLogText } from './saga-report.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

const DESIGNS: Record<string, DoneInference> = { 'omicron-today': 'two-listings', 'in-flight-creates-kept': 'in-flight-creates-kept' };
const crashes = (variant: string) => variant.endsWith('-crash');
const design = (variant: string) => DESIGNS[variant.replace(/-crash$/, '')];

/** The boot pass's iteration, then the periodic one's (omdb's view numbers activations from 1). */
const PERIODIC_ITERATION = 2;

export const sagaCreateOutlastsRecovery: ScenarioDef = {
  name: 'saga-create-outlasts-recovery',
  summary: "a saga whose insert stalls through two recovery passes is inferred done, then abandoned by the next pass while it runs",
  variants: ['omicron-today', 'in-flight-creates-kept', 'omicron-today-crash', 'in-flight-creates-kept-crash'],
  expected: { 'omicron-today': 'caught', 'in-flight-creates-kept': 'holds', 'omicron-today-crash': 'caught', 'in-flight-creates-kept-crash': 'holds' },
  defaults: { sleds: 0, nexus: 1 },
  limits: { minSleds: 0, minNexus: 1 },
  knobs(rng, shape) {
    const base = baseKnobs(rng);
    // The request reaches Nexus within net_latency_max_ms; the stall window closes 1 ms after
    // that, before the periodic pass lists. The stall ends well after the second pass and before
    // omdb's 15 s request timeout.
    const k = { ...base, create_lead_ms: rng.int(Number(base.net_latency_max_ms) + 2, 2_001), insert_stall_ms: rng.int(4_000, 12_001) };
    return crashes(shape.variant) ? { ...k, down_ms: rng.int(1_000, 60_001) } : k;
  },

  async setup({ world, sleds, nexus, knobs, variant }) {
    const rack = await Rack.build(world, { sleds, nexus, plugins: [sagaPlugin({ doneInference: design(variant) })], maxSkewMs: Number(knobs.clock_skew_max_ms) });
    const omdb = LockstepClient.onWorld(world);
    const n = rack.nexus[0];
    const clock = omdb.ctx.clock;
    let ids: { saga_id: string; demo_saga_id: string } | undefined;
    let creating: Promise<unknown> = Promise.resolve();
    let afterThird: BackgroundTaskView | undefined;

    /** Polls omdb's view of the task until activation `iteration` has completed; its start time. */
    const completed = async (iteration: number): Promise<{ startMs: number; periodMs: number }> => {
      for (;;) {
        const v = await omdb.bgtask(n, SAGA_RECOVERY_TASK);
        if (v.last.last_result === 'completed' && v.last.details.iteration >= iteration) return { startMs: Date.parse(v.last.details.start_time), periodMs: v.period.secs * 1_000 };
        await clock.sleep(100);
      }
    };

    const script = defineScript('saga-create-outlasts-recovery', [
      {
        name: 'create-saga-while-db-stalls-before-periodic-pass',
        run: async () => {
          // The boot pass's start and the task's period say when the periodic pass comes.
          const boot = await completed(1);
          const tick = boot.startMs + boot.periodMs;
          await clock.sleep(tick - Number(knobs.create_lead_ms) - clock.now());
          world.faults.slow(n.name, { kind: 'const', ms: Number(knobs.insert_stall_ms) }, { db: true });
          creating = omdb.tryCall<{ saga_id: string; demo_saga_id: string }>(n, 'POST', '/demo-saga').then((a) => {
            if (a.status === 200 && a.body) ids = a.body as { saga_id: string; demo_saga_id: string };
          });
          // Only the insert the request sends pays the stall; the passes that follow do not.
          await clock.sleep(Number(knobs.net_latency_max_ms) + 1);
          world.faults.unslow(n.name);
        },
      },
      {
        name: 'periodic-pass-then-omdb-activation',
        run: async () => {
          await completed(PERIODIC_ITERATION);
          await omdb.activateAndWait(n, SAGA_RECOVERY_TASK);
        },
      },
      {
        name: 'insert-lands-then-next-pass',
        run: async () => {
          await creating;
          afterThird = await omdb.activateAndWait(n, SAGA_RECOVERY_TASK);
        },
      },
      ...(crashes(variant)
        ? [
            {
              name: 'crash-and-restart-nexus-1',
              run: async () => {
                rack.crashNexus(0);
                await clock.sleep(Number(knobs.down_ms));
                await rack.restartNexus(0);
              },
            },
          ]
        : []),
      {
        name: 'complete-the-saga',
        // Not thrown when the saga never comes back: every-saga-ends-done names what happened.
        run: async () => {
          if (!ids) return;
          const { saga_id, demo_saga_id } = ids;
          await omdb.completeWhenWaiting(n, demo_saga_id).catch(() => undefined);
          await omdb.awaitSagaState(n, saga_id, 'succeeded', 30).catch(() => undefined);
        },
      },
      { name: 'heal', run: async () => rack.healNetwork() },
    ]);

    return {
      script,
      // The first safety violation ends a run, so the crash variants, which show the consequence,
      // leave recovery-skips-own-sagas to the others and let the liveness check see the lost saga.
      invariants: [...(crashes(variant) ? [] : [recoveryResumesOnlyForeignSagas()]), everySagaEndsDone(world.sql), actionInOneSec(), logWrittenByCurrentSec()],
      report: () =>
        [
          ids ? sagaLogText(world, rack.nexus, ids.saga_id) : 'the create request failed',
          '',
          ...(afterThird ? [`$ omdb nexus background-tasks show saga_recovery   (${n.name}, after the third pass)`, omdbBackgroundTaskShow(afterThird, clock.now())] : []),
        ].join('\n'),
    };
  },
};
