// Core code's fetch seam hands the fabric a light request; any other code reaches the fabric
// through global fetch and msw's interception. The light path is an optimisation, never a second
// semantics: every scenario's variants give the same trace hash both ways.
import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../scenarios/registry.js';
import { runScenario } from '../../scenarios/runner.js';
import { setRequestPath } from '../../sim/fabric.js';

afterEach(() => {
  setRequestPath('light');
});

describe('request paths', () => {
  for (const def of SCENARIOS) {
    // Every variant on seed 1, the default on seed 2 too.
    const cases = [...def.variants.map((v) => [v, 1] as const), [def.variants[0], 2] as const];
    it(`${def.name}: the light path and msw give the same trace`, async () => {
      for (const [variant, seed] of cases) {
        setRequestPath('msw');
        const viaMsw = await runScenario(def, { seed, variant });
        setRequestPath('light');
        const light = await runScenario(def, { seed, variant });
        expect(viaMsw.events, `${variant} seed ${seed}`).toBeGreaterThan(0);
        expect(light.traceHash, `${variant} seed ${seed}`).toBe(viaMsw.traceHash);
      }
    }, 120_000);
  }

  it('a light request with a body enters the network where msw would put it (same microtask turn)', async () => {
    // A scenario whose script posts while other work runs in the same turn: without the light
    // path's wait for msw's body read the http.sent event moves ahead of the script's step event.
    const def = SCENARIOS.find((s) => s.name === 'saga-recovery')!;
    setRequestPath('msw');
    const viaMsw = await runScenario(def, { seed: 1, keepTrace: true });
    setRequestPath('light');
    const light = await runScenario(def, { seed: 1, keepTrace: true });
    const order = (t: string[]) => t.map((l) => JSON.parse(l)).filter((e) => e.kind === 'http.sent' || e.kind === 'script.step').map((e) => e.kind).slice(0, 4);
    expect(order(light.trace!)).toEqual(order(viaMsw.trace!));
    expect(order(viaMsw.trace!)).toContain('http.sent');
  });
});
