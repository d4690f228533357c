// `tsx scenarios/bench/batch.ts <scenario> <variant> <seeds>`: a seed batch in one process, no
// worker pool, for profiling a run's per-seed cost (`node --cpu-prof --import tsx ...`).
import { performance } from 'node:perf_hooks';
import { findScenario } from '../registry.js';
import { runScenario } from '../runner.js';

const [name, variant, seedsText] = process.argv.slice(2);
const def = findScenario(name);
if (!def) throw new Error(`no scenario ${name}`);
const seeds = Number(seedsText ?? 100);
const t = performance.now();
let failures = 0;
for (let seed = 1; seed <= seeds; seed++) if ((await runScenario(def, { seed, variant })).verdict === 'fail') failures++;
const wallMs = performance.now() - t;
console.log(JSON.stringify({ scenario: name, variant, seeds, failures, wallMs: Math.round(wallMs), msPerSeed: Math.round((wallMs / seeds) * 10) / 10 }));
