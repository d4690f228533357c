// `--keep DIR`: a folder per kept run (each failing seed of a sweep, or the one run of --seed) with
// everything needed to look at it again without re-running: trace.jsonl, run.json, report.txt,
// timeline.html and repro.sh, as Maelstrom keeps a store folder per test.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../runner.js';
import { renderTimeline } from '../timeline/render.js';
import { writeAtomic } from './paths.js';
import { UsageError } from './usage-error.js';

/** The package root (where `pnpm scenario` works), from source or from dist/. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Checked before the run: DIR may be missing (it is created) but its parent must exist. */
export function checkKeepDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`--keep ${dir} is not a directory`);
  } else {
    try {
      mkdirSync(dir);
    } catch (err) {
      throw new UsageError(`--keep ${dir}: cannot create it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
}

export function keptFolderName(r: RunResult): string {
  return `${r.scenario}-${r.variant}-seed-${r.seed}`;
}

/** Writes the run's folder; returns its path. A folder that exists and is not an earlier kept run
 * of this seed is left alone (an error naming it). */
export function keepRun(dir: string, r: RunResult, trace: readonly string[], textReport: string, reproduce: string): string {
  const folder = join(dir, keptFolderName(r));
  if (existsSync(folder)) {
    const runJson = join(folder, 'run.json');
    let ours = false;
    try {
      ours = (JSON.parse(readFileSync(runJson, 'utf8')) as { kind?: string }).kind === 'run';
    } catch {
      ours = false;
    }
    if (!ours) throw new UsageError(`--keep: ${folder} exists and is not a folder rack-sim kept; move it away`);
  } else mkdirSync(folder);
  const { trace: _t, report: _r, ...run } = r;
  writeAtomic(join(folder, 'trace.jsonl'), trace.join('\n') + '\n');
  writeAtomic(join(folder, 'run.json'), JSON.stringify(run, null, 2) + '\n');
  writeAtomic(join(folder, 'report.txt'), textReport + '\n');
  writeAtomic(join(folder, 'timeline.html'), renderTimeline(r, trace));
  const repro = join(folder, 'repro.sh');
  writeAtomic(
    repro,
    `#!/bin/sh\n# Re-runs this seed; the trace hash must come out as ${r.traceHash}.\n` +
      `cd "\${RACK_SIM:-${packageRoot()}}" && exec ${reproduce} "$@"\n`,
  );
  chmodSync(repro, 0o755);
  return folder;
}
