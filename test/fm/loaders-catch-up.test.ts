// loaders-catch-up (liveness): after heal every running Nexus has published the current sitrep.
// It bites on a Nexus whose loader never publishes (a stub that always reports NotFound) and on a
// Nexus restarted with no time to load; it holds once the real loaders have run.
import { describe, expect, it } from 'vitest';
import { FM_SITREP_LOAD, type NexusPlugin } from '../../nexus/index.js';
import { loadersCatchUp } from '../../scenarios/checkers/index.js';
import { diagnose, fmPlugins, injectEreport } from '../../scenarios/fm-support.js';
import { Rack } from '../../scenarios/rack.js';
import { onVirtualTime, world } from '../support/world.js';

/** The FM plugin, except that on `node` the loader is a stub that never publishes. */
function stubLoaderOn(node: string): NexusPlugin {
  const [fm] = fmPlugins('metadata-last', 'generation-marker');
  return {
    name: fm.name,
    boot(p) {
      if (p.ctx.name === node) {
        const register = p.tasks.register.bind(p.tasks);
        p.tasks.register = (def) =>
          register(def.name === FM_SITREP_LOAD ? { ...def, activate: async () => ({ kind: 'Error', message: 'sitrep not found' }) } : def);
      }
      fm.boot(p);
    },
  };
}

/** Longer than the loader's 15 s period: every working loader has run since the commit. */
const SETTLE_MS = 20_000;

async function run(plugin: NexusPlugin, after: (rack: Rack) => Promise<void>): Promise<string | undefined> {
  const w = world({ keepTrace: false });
  let verdict: string | undefined;
  await onVirtualTime(w, async () => {
    const rack = await Rack.build(w, { sleds: 0, nexus: 2, register: false, plugins: [plugin] });
    const inv = loadersCatchUp(w.sql, rack.nexus);
    w.trace.subscribe((ev) => void inv.onEvent!(ev));
    injectEreport(w, w.rng.fork('ids'), { serial: 'disk-0' });
    await diagnose(w, rack.nexus[0], 0);
    await w.sched.sleep(SETTLE_MS);
    await after(rack);
    verdict = await inv.atEnd!();
    for (const n of rack.nexus) if (n.running) n.crash();
  });
  w.close();
  return verdict;
}

describe('loaders-catch-up', () => {
  it('holds once every real loader has run', async () => {
    expect(await run(fmPlugins('metadata-last', 'generation-marker')[0], async () => {})).toBeUndefined();
  });

  it('catches a Nexus whose loader never publishes', async () => {
    const msg = await run(stubLoaderOn('nexus-1'), async () => {});
    expect(msg).toMatch(/^current sitrep is \S+; nexus-1 published nothing$/);
  });

  it('catches a Nexus restarted with no time to load, and holds once it has', async () => {
    const behind = await run(fmPlugins('metadata-last', 'generation-marker')[0], async (rack) => {
      rack.crashNexus(1);
      await rack.restartNexus(1);
    });
    expect(behind).toMatch(/nexus-1 published nothing$/);
    const caughtUp = await run(fmPlugins('metadata-last', 'generation-marker')[0], async (rack) => {
      rack.crashNexus(1);
      await rack.restartNexus(1);
      await rack.world.sched.sleep(1_000);
    });
    expect(caughtUp).toBeUndefined();
  });
});
