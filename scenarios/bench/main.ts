// `pnpm bench`: the figures the README carries. Speed is measured here, never in tests.
//   pnpm bench                 every section
//   pnpm bench request smoke   chosen sections (issue, request, smoke, replication, seeds, scale)
//   pnpm bench issue           issue 13's table: each figure once
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findScenario } from '../registry.js';
import { sweepSeeds } from '../cli/sweep.js';
import { requestCost } from './request-cost.js';

const ROOT = join(import.meta.dirname, '..', '..');

function script(file: string, args: (string | number)[]) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scenarios', 'bench', file), ...args.map(String)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function child(scenario: string, seed: number, sleds: number, nexus: number, variant?: string) {
  return script('child.ts', [scenario, seed, sleds, nexus, ...(variant ? [variant] : [])]);
}

/** A sweep as the CLI runs it: a worker pool with one worker per core, start-up included. */
async function seedsPerSecond(scenario: string, variant: string, seeds: number) {
  const def = findScenario(scenario);
  if (!def) return undefined;
  const t = performance.now();
  const results = await sweepSeeds(def, { seeds: Array.from({ length: seeds }, (_, i) => i + 1), variant, onResult: () => {} });
  const secs = (performance.now() - t) / 1000;
  const failures = results.filter((r) => r.verdict === 'fail').length;
  return { scenario, variant, seeds, failures, wallS: Math.round(secs * 10) / 10, seedsPerSec: Math.round((seeds / secs) * 10) / 10, sweep1000S: Math.round(1000 / (seeds / secs)) };
}

const SECTIONS: Record<string, () => Promise<void>> = {
  /** Issue 13's table, figure by figure (the goals in brackets). */
  async issue() {
    console.log('## issue 13: one simulated request / raw inject, side by side (<= 2x)');
    console.log(JSON.stringify(await requestCost()));
    if (findScenario('replication')) {
      console.log('## issue 13: replication 32 sleds, 3 Nexus, 30 artifacts, steady state simulated/wall (>= 20,000x)');
      console.log(JSON.stringify(script('steady-state.ts', [32, 6])));
      console.log('## issue 13: replication at 1,024 sleds: wall, peak RSS (< 10 s, < 512 MB)');
      console.log(JSON.stringify(child('replication', 1, 1024, 3)));
    }
    console.log('## issue 13: 1,000 seeds of slow-nexus-deletes-fresh-artifacts / generation (< 15 s)');
    console.log(JSON.stringify(await seedsPerSecond('slow-nexus-deletes-fresh-artifacts', 'generation', 1000)));
    console.log('## issue 13: 1,000 seeds of rack-workload / omicron-today (< 60 s)');
    console.log(JSON.stringify(await seedsPerSecond('rack-workload', 'omicron-today', 1000)));
  },
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
    console.log('## replication, 32 sleds, 3 Nexus, 30 artifacts: simulated / wall time');
    console.log(JSON.stringify(child('replication', 1, 32, 3)));
    console.log(JSON.stringify(script('steady-state.ts', [32, 6])));
  },
  async seeds() {
    console.log('## seeds per second (sweeps on the worker pool, start-up included)');
    const races: [string, string][] = [
      ['slow-nexus-deletes-fresh-artifacts', 'v1-delete'],
      ['slow-nexus-deletes-fresh-artifacts', 'generation'],
      ['upload-race', 'send-before-insert'],
      ['repo-depot-port-zero', 'default-zero'],
      ['saga-recovery', 'default'],
      ['saga-transfer', 'default'],
      ['zombie-sec', 'any-expunged'],
      ['stuck-saga-health', 'threshold-15m'],
      ['racing-sitrep-delete', 'naive'],
      ['alert-resurrection', 'naive'],
      ['tombstone-gc-stall', 'tombstone'],
    ];
    for (const [s, v] of races) {
      const def = findScenario(s);
      if (!def) continue;
      // The goal is stated for a 1,000-seed sweep of this one; the rest sweep 100.
      const n = s === 'slow-nexus-deletes-fresh-artifacts' && v === 'v1-delete' ? 1000 : 100;
      const r = await seedsPerSecond(s, def.variants.includes(v) ? v : def.variants[0], n);
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
