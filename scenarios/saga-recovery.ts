// saga-recovery: a demo saga is created on Nexus 2, Nexus 2 crashes (losing its SEC) and
// restarts; saga recovery, run at boot, resumes the saga from its node-event log; the operator
// completes it (a recovered saga accepts the complete only once its action waits again); it
// succeeds, and the next two recovery passes infer it finished.
import { omdbBackgroundTaskShow, omdbSagasList, omdbTerminal, sagaContext, sagaPlugin, SAGA_RECOVERY_TASK, type RecoveryReport } from '../nexus/index.js';
import { actionInOneSec, everySagaEndsDone, logWrittenByCurrentSec, recoveryResumesOnlyForeignSagas, sagasEndDone } from './checkers/index.js';
import { baseKnobs } from './knobs.js';
import { Rack } from './rack.js';
import { LockstepClient, lockstepUrl } from './saga-client.js';
import { sagaLogText } from './saga-report.js';
import { defineScript } from './script.js';
import type { ScenarioDef } from './types.js';

export const sagaRecovery: ScenarioDef = {
  name: 'saga-recovery',
  summary: 'a demo saga on Nexus 2 survives a restart of Nexus 2: recovery resumes it from the DB and it completes',
  variants: ['default'],
  expected: { default: 'holds' },
  defaults: { sleds: 0, nexus: 2 },
  limits: { minSleds: 0, minNexus: 2 },
  knobs: (rng) => ({ ...baseKnobs(rng, { maxSkewMs: 2_000 }), crash_after_ms: rng.int(0, 3_000), down_ms: rng.int(1_000, 60_000) }),

  async setup({ world, sleds, nexus, knobs }) {
    const rack = await Rack.build(world, { sleds, nexus, plugins: [sagaPlugin()], maxSkewMs: Number(knobs.clock_skew_max_ms) });
    const omdb = LockstepClient.onWorld(world);
    const n2 = rack.nexus[1];
    let ids = { saga_id: '', demo_saga_id: '' };
    const texts: string[] = [];

    const script = defineScript('saga-recovery', [
      {
        name: 'create-demo-saga-on-nexus-2',
        run: async () => {
          ids = await omdb.demoCreate(n2);
          await omdb.ctx.clock.sleep(Number(knobs.crash_after_ms));
        },
      },
      { name: 'crash-nexus-2', run: async () => { rack.crashNexus(1); await omdb.ctx.clock.sleep(Number(knobs.down_ms)); } },
      { name: 'restart-nexus-2', run: () => rack.restartNexus(1) },
      { name: 'demo-complete-on-nexus-2', run: () => omdb.completeWhenWaiting(n2, ids.demo_saga_id) },
      { name: 'saga-succeeds', run: () => omdb.awaitSagaState(n2, ids.saga_id, 'succeeded') },
      {
        name: 'two-recovery-passes',
        run: async () => {
          await omdb.activateAndWait(n2, SAGA_RECOVERY_TASK);
          const v = await omdb.activateAndWait(n2, SAGA_RECOVERY_TASK);
          texts.push(`$ omdb nexus sagas list   (${n2.name})`, omdbTerminal(omdbSagasList(await omdb.sagas(n2), lockstepUrl(n2))), '');
          texts.push(`$ omdb nexus background-tasks show saga_recovery   (${n2.name})`, omdbBackgroundTaskShow(v, omdb.ctx.clock.now()));
        },
      },
      { name: 'heal', run: async () => rack.healNetwork() },
    ]);

    return {
      script,
      invariants: [
        actionInOneSec(),
        logWrittenByCurrentSec(),
        sagasEndDone(world.sql),
        everySagaEndsDone(world.sql),
        recoveryResumesOnlyForeignSagas(),
        {
          name: 'recovery-counters',
          kind: 'liveness',
          description: 'Nexus 2 recovered the saga once and later inferred it finished (omdb counters)',
          atEnd() {
            const r: RecoveryReport = sagaContext(n2.process).report;
            if (r.ntotal_recovered !== 1 || !r.recent_recoveries.some((x) => x.saga_id === ids.saga_id)) return `recovered ${r.ntotal_recovered} sagas, expected the demo saga once`;
            if (r.ntotal_finished !== 1) return `inferred ${r.ntotal_finished} sagas finished, expected 1`;
            if (r.ntotal_sec_errors_missing + r.ntotal_sec_errors_bad_state !== 0) return 'SEC errors after recovery';
            return undefined;
          },
        },
      ],
      report: () => [sagaLogText(world, rack.nexus, ids.saga_id), '', ...texts].join('\n'),
    };
  },
};
