// One measured run in its own process, so peak memory (maxRSS) belongs to that run alone.
// argv: <scenario> <seed> <sleds> <nexus> [variant]
import { performance } from 'node:perf_hooks';
import { findScenario } from '../registry.js';
import { runScenario } from '../runner.js';

const [name, seed, sleds, nexus, variant] = process.argv.slice(2);
const def = findScenario(name);
if (!def) throw new Error(`no scenario ${name}`);
const t = performance.now();
const r = await runScenario(def, { seed: Number(seed), sleds: Number(sleds), nexus: Number(nexus), variant });
const wallMs = performance.now() - t;
console.log(
  JSON.stringify({
    scenario: name,
    sleds: Number(sleds),
    nexus: Number(nexus),
    verdict: r.verdict,
    violations: r.violations.map((v) => v.invariant),
    wallMs: Math.round(wallMs),
    simTimeMs: r.simTimeMs,
    events: r.events,
    speedup: Math.round(r.simTimeMs / wallMs),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
