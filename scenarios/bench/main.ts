// `pnpm bench`: the figures the README carries. Speed is measured here, never in tests.
//   pnpm bench                 every section
//   pnpm bench request smoke   chosen sections (request, smoke, replication, seeds, scale)
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findScenario } from '../registry.js';
import { runScenario } from '../runner.js';
import { requestCost } from './request-cost.js';

const ROOT = join(import.meta.dirname, '..', '..');

function child(scenario: string, seed: number, sleds: number, nexus: number, variant?: string) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scenarios', 'bench', 'child.ts'), scenario, String(seed), String(sleds), String(nexus), ...(variant ? [variant] : [])], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function seedsPerSecond(scenario: string, variant: string, seeds: number) {
  const def = findScenario(scenario);
  if (!def) return undefined;
  const t = performance.now();
  let failures = 0;
  for (let s = 1; s <= seeds; s++) if ((await runScenario(def, { seed: s, variant })).verdict === 'fail') failures++;
  const secs = (performance.now() - t) / 1000;
  return { scenario, variant, seeds, failures, wallS: Math.round(secs * 10) / 10, seedsPerSec: Math.round((seeds / secs) * 10) / 10 };
}

const SECTIONS: Record<string, () => Promise<void>> = {
  async request() {
    console.log('## request cost (fetch -> msw -> fabric -> inject vs raw inject)');
    console.log(JSON.stringify(await requestCost()));
  },
  async smoke() {
    console.log('## rack-smoke wall time');
    for (const sleds of [32, 256]) console.log(JSON.stringify(child('rack-smoke', 1, sleds, 3)));
  },
  async replication() {
    if (!findScenario('replication')) return;
    console.log('## replication, 32 sleds, 3 Nexus, 300 s period: simulated / wall time');
    console.log(JSON.stringify(child('replication', 1, 32, 3)));
  },
  async seeds() {
    console.log('## seeds per second (one process, sequential)');
    const races: [string, string][] = [
      ['slow-nexus-deletes-fresh-artifacts', 'v1-delete'],
      ['slow-nexus-deletes-fresh-artifacts', 'generation'],
      ['upload-race', 'send-before-insert'],
      ['repo-depot-port-zero', 'default-zero'],
      ['saga-recovery', 'default'],
      ['saga-transfer', 'default'],
      ['zombie-sec', 'unfenced'],
      ['stuck-saga-health', 'threshold-15m'],
      ['racing-sitrep-delete', 'naive'],
      ['alert-resurrection', 'naive'],
      ['tombstone-gc-stall', 'tombstone'],
    ];
    for (const [s, v] of races) {
      const def = findScenario(s);
      if (!def) continue;
      const r = await seedsPerSecond(s, def.variants.includes(v) ? v : def.variants[0], 50);
      if (r) console.log(JSON.stringify(r));
    }
  },
  async scale() {
    if (!findScenario('replication')) return;
    console.log('## replication wall time and peak memory by rack size');
    for (const sleds of [8, 32, 128, 512, 1024]) console.log(JSON.stringify(child('replication', 1, sleds, 3)));
  },
};

const wanted = process.argv.slice(2);
for (const w of wanted) {
  if (!SECTIONS[w]) {
    console.error(`unknown bench section "${w}"; sections: ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(2);
  }
}
console.log(`# rack-sim bench  node ${process.version}  ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`);
for (const name of wanted.length ? wanted : Object.keys(SECTIONS)) await SECTIONS[name]();
