// Runs a seed range, in parallel across cores with a piscina worker pool when the range is large
// enough to pay for the workers' start-up. Each seed is independent, so a run line is the same
// whichever worker ran it; results are reported in seed order. An abort (Ctrl-C) stops the sweep
// after the results already in hand (fewer than asked for): the pool's workers end with it.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { runScenario, type RunOptions, type RunResult } from '../runner.js';
import type { ScenarioDef } from '../types.js';

const PARALLEL_FROM = 8;

/** A seed whose run threw (a bug in rack-sim or in a scenario, not a verdict): names the seed. */
export class SeedCrash extends Error {
  constructor(
    readonly scenario: string,
    readonly variant: string | undefined,
    readonly seed: number,
    cause: unknown,
  ) {
    super(`seed ${seed} of ${scenario}${variant ? ` (variant ${variant})` : ''} crashed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export interface SweepOptions extends Omit<RunOptions, 'seed'> {
  seeds: number[];
  /** Worker threads to use; 1 runs in this process. Default: one per core. */
  jobs?: number;
  onResult(r: RunResult): void;
  signal?: AbortSignal;
}

export async function sweepSeeds(def: ScenarioDef, o: SweepOptions): Promise<RunResult[]> {
  const { seeds, onResult, jobs: wantedJobs, signal, onStart, ...run } = o;
  const jobs = Math.min(wantedJobs ?? availableParallelism(), seeds.length);
  const results: RunResult[] = [];
  if (jobs <= 1 || seeds.length < PARALLEL_FROM || run.keepTrace || run.dbPath) {
    for (const seed of seeds) {
      if (signal?.aborted) return results;
      let r: RunResult;
      try {
        r = await runScenario(def, { ...run, onStart, seed });
      } catch (err) {
        throw new SeedCrash(def.name, run.variant, seed, err);
      }
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
  const stop = () => void pool.destroy();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    // A sliding window of tasks, not the whole range at once: with thousands queued up front the
    // pool stalled (2 of 2,000 rack-workload seeds answered in a minute), and a window keeps
    // memory flat on 10,000-seed sweeps.
    const window = jobs * 4;
    const pending: (Promise<RunResult> | undefined)[] = [];
    let next = 0;
    const submit = () => {
      const p = pool.run({ ...run, seed: seeds[next], scenario: def.name }) as Promise<RunResult>;
      p.catch(() => {}); // those cut short by an abort
      pending[next++] = p;
    };
    while (next < Math.min(window, seeds.length)) submit();
    for (let i = 0; i < seeds.length; i++) {
      let r: RunResult;
      try {
        r = await pending[i]!; // in seed order, as each becomes available
      } catch (err) {
        if (signal?.aborted) return results;
        throw new SeedCrash(def.name, run.variant, seeds[i], err);
      }
      pending[i] = undefined;
      if (signal?.aborted) return results;
      if (next < seeds.length) submit();
      results.push(r);
      onResult(r);
    }
    return results;
  } finally {
    signal?.removeEventListener('abort', stop);
    await pool.destroy();
  }
}
