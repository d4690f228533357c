// `npx tsx scenarios/bench/hashes.ts [seeds] [out.txt]` (3 seeds by default): the trace hash and
// event count of every scenario × variant over the first seeds, one line each. An optimisation
// must leave this output byte-identical: write it before and after a change and `diff` the two.
import { writeFileSync } from 'node:fs';
import { SCENARIOS } from '../registry.js';
import { runScenario } from '../runner.js';

export async function traceHashes(seeds: number, only?: (name: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  for (const def of SCENARIOS) {
    if (only && !only(def.name)) continue;
    for (const variant of def.variants) {
      for (let seed = 1; seed <= seeds; seed++) {
        const r = await runScenario(def, { seed, variant });
        out.push(`${def.name} ${variant} ${seed} ${r.traceHash} ${r.events}`);
      }
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seeds = Number(process.argv[2] ?? 3);
  const file = process.argv[3];
  const lines = await traceHashes(seeds);
  if (file) writeFileSync(file, lines.join('\n') + '\n');
  else console.log(lines.join('\n'));
}
