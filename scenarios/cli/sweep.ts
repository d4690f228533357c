// Runs a seed range, in parallel across cores with a piscina worker pool when the range is large
// enough to pay for the workers' start-up. Each seed is independent, so a run line is the same
// whichever worker ran it; results are reported in seed order.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { runScenario, type RunOptions, type RunResult } from '../runner.js';
import type { ScenarioDef } from '../types.js';

const PARALLEL_FROM = 8;

export interface SweepOptions extends Omit<RunOptions, 'seed'> {
  seeds: number[];
  /** Worker threads to use; 1 runs in this process. Default: one per core. */
  jobs?: number;
  onResult(r: RunResult): void;
}

export async function sweepSeeds(def: ScenarioDef, o: SweepOptions): Promise<RunResult[]> {
  const { seeds, onResult, jobs: wantedJobs, ...run } = o;
  const jobs = Math.min(wantedJobs ?? availableParallelism(), seeds.length);
  if (jobs <= 1 || seeds.length < PARALLEL_FROM || run.keepTrace || run.dbPath) {
    const results: RunResult[] = [];
    for (const seed of seeds) {
      const r = await runScenario(def, { ...run, seed });
      results.push(r);
      onResult(r);
    }
    return results;
  }
  // Run from TypeScript (tsx) or from the build in dist/: the worker is this module's sibling.
  const fromSource = import.meta.url.endsWith('.ts');
  const needsTsx = fromSource && !process.execArgv.some((a) => a.includes('tsx'));
  const pool = new Piscina({
    filename: new URL(fromSource ? './sweep-worker.ts' : './sweep-worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    execArgv: [...process.execArgv.filter((a) => !a.startsWith('--cpu-prof')), ...(needsTsx ? ['--import', 'tsx'] : [])],
  });
  try {
    const pending = seeds.map((seed) => pool.run({ ...run, seed, scenario: def.name }) as Promise<RunResult>);
    const results: RunResult[] = [];
    for (const p of pending) {
      const r = await p; // in seed order, as each becomes available
      results.push(r);
      onResult(r);
    }
    return results;
  } finally {
    await pool.destroy();
  }
}
