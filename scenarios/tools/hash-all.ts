// Prints `scenario variant seed traceHash verdict` for every scenario, every variant and seeds
// 1..N (default 3): the before/after proof that a refactor changes no run (diff two outputs).
// Usage: npx tsx scenarios/tools/hash-all.ts [N] [scenario...]
import { SCENARIOS } from '../registry.js';
import { runScenario } from '../runner.js';

const n = Number(process.argv[2] ?? 3);
const only = process.argv.slice(3);
for (const def of SCENARIOS) {
  if (only.length > 0 && !only.includes(def.name)) continue;
  for (const variant of def.variants) {
    for (let seed = 1; seed <= n; seed++) {
      const r = await runScenario(def, { seed, variant });
      console.log(`${def.name} ${variant} ${seed} ${r.traceHash} ${r.verdict}`);
    }
  }
}
