// `pnpm scenario merge FILE...`: folds the `--json` outputs of a sweep's shards (`--shard K/N`, one
// per machine) into the summary one sweep over all their seeds would print, with its exit status.
// Every file must be a finished shard (it ends in a summary line), of one scenario, and no seed may
// appear twice; anything else is bad input (exit 2), never a silent miscount.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { findScenario } from '../registry.js';
import type { RunResult } from '../runner.js';
import { formatSummary, reproduceCommand } from './output.js';
import { UsageError } from './usage-error.js';

interface Line {
  kind?: string;
  interrupted?: boolean;
}

export function mergeShards(files: readonly string[], json: boolean, print: (line: string) => void = console.log): number {
  const runs: RunResult[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    if (!existsSync(file)) throw new UsageError(`merge: no such file: ${file}`);
    if (!statSync(file).isFile()) throw new UsageError(`merge: ${file} is not a file`);
    let summaries = 0;
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    lines.forEach((text, n) => {
      let line: Line & { seed?: unknown; scenario?: unknown; variant?: unknown };
      try {
        line = JSON.parse(text);
      } catch {
        throw new UsageError(`merge: ${file}:${n + 1} is not JSON: was it written with --json?`);
      }
      if (line.kind === 'summary') {
        if (line.interrupted) throw new UsageError(`merge: ${file} is from an interrupted run: run its shard again`);
        summaries++;
      } else if (line.kind === 'run' && typeof line.seed === 'number' && typeof line.scenario === 'string') {
        const key = `${line.scenario} ${line.variant} ${line.seed}`;
        const other = seen.get(key);
        if (other) throw new UsageError(`merge: seed ${line.seed} (${line.scenario} ${line.variant}) is in both ${other} and ${file}: the shards overlap`);
        seen.set(key, file);
        runs.push(line as unknown as RunResult);
      } else {
        throw new UsageError(`merge: ${file}:${n + 1} is not a run or summary line of pnpm scenario --json`);
      }
    });
    if (summaries === 0) throw new UsageError(`merge: ${file} has no summary line: its shard did not finish`);
  }
  if (runs.length === 0) throw new UsageError('merge: the files hold no runs');
  const scenarios = [...new Set(runs.map((r) => r.scenario))];
  if (scenarios.length > 1) throw new UsageError(`merge: the files mix scenarios (${scenarios.join(', ')}): merge one scenario's shards`);
  const def = findScenario(scenarios[0]);
  if (!def) throw new UsageError(`merge: unknown scenario "${scenarios[0]}"`);
  const variants = def.variants.filter((v) => runs.some((r) => r.variant === v));
  let failures = 0;
  for (const variant of variants) {
    const rs = runs.filter((r) => r.variant === variant).sort((a, b) => a.seed - b.seed);
    const failed = rs.filter((r) => r.verdict === 'fail');
    failures += failed.length;
    if (json) {
      print(
        JSON.stringify({
          kind: 'summary',
          ...(variants.length > 1 ? { variant } : {}),
          runs: rs.length,
          failures: failed.length,
          firstFailingSeed: failed[0]?.seed ?? null,
          ...(failed[0] ? { reproduce: reproduceCommand(failed[0], def) } : {}),
        }),
      );
    } else {
      print(`${def.name} --variant ${variant}: ${files.length} file(s), seeds ${rs[0].seed}..${rs[rs.length - 1].seed}`);
      print(formatSummary(def, rs));
    }
  }
  return failures > 0 ? 1 : 0;
}
