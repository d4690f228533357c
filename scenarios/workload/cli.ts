// `pnpm scenario rack-workload --shrink --seed N [--variant V] [--sleds N] [--nexus N] [--out FILE]
// [--budget-ms MS]` shrinks a failing seed's workload to a reproducer file and prints the replay
// command; `pnpm scenario rack-workload --replay FILE [--json]` runs a reproducer deterministically
// and says whether it broke the same invariant with the same trace hash as when it was written.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { formatRunEnd, formatRunStart } from '../cli/output.js';
import { probeDir, resolveOutput } from '../cli/paths.js';
import { UsageError } from '../cli/usage-error.js';
import { describeOp } from './ops.js';
import { readReproducer, writeReproducer } from './reproducer.js';
import { runWorkload, shrinkSeed } from './shrink.js';

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return v;
}

const int = (argv: string[], name: string): number | undefined => {
  const v = flag(argv, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`${name} must be an integer`);
  return n;
};

function isReproducer(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { scenario?: unknown }).scenario === 'rack-workload';
  } catch {
    return false;
  }
}

export function isWorkloadCommand(argv: readonly string[]): boolean {
  return argv[0] === 'rack-workload' && (argv.includes('--replay') || argv.includes('--shrink'));
}

export async function workloadCli(argv: string[]): Promise<number> {
  const replay = argv.includes('--replay') ? flag(argv, '--replay') : undefined;
  if (replay !== undefined) {
    const r = readReproducer(replay);
    const result = await runWorkload(r.seed, r.variant, r.sleds, r.nexus, r.ops);
    const invariant = result.violations[0]?.invariant ?? null;
    const same = invariant === r.invariant && result.traceHash === r.traceHash;
    if (argv.includes('--json')) {
      delete result.report;
      console.log(JSON.stringify({ ...result, replay: { file: replay, expectedInvariant: r.invariant, expectedTraceHash: r.traceHash, same } }));
    } else {
      console.log(`replay ${replay}: rack-workload variant ${r.variant} seed ${r.seed} (${r.ops.length} ops)`);
      console.log([formatRunStart(result.seed, result.config), formatRunEnd(result)].join('\n'));
      console.log(same ? `same as recorded: ${invariant ?? 'no violation'}, trace ${r.traceHash.slice(0, 16)}` : `DIFFERS from recorded (${r.invariant}, ${r.traceHash.slice(0, 16)})`);
    }
    return result.verdict === 'fail' ? 1 : 0;
  }
  const seed = int(argv, '--seed');
  if (seed === undefined) throw new UsageError('--shrink needs --seed N');
  const variant = flag(argv, '--variant') ?? 'omicron-today';
  const out = resolveOutput('out', flag(argv, '--out') ?? `rack-workload-${variant}-seed${seed}.json`);
  // Checked before the shrink starts: never replace a file that is not an earlier reproducer.
  if (existsSync(out)) {
    if (!statSync(out).isFile()) throw new UsageError(`--out ${out} is not a regular file`);
    if (!argv.includes('--force') && !isReproducer(out)) throw new UsageError(`--out ${out} exists and is not a rack-workload reproducer: refusing to overwrite it (--force to replace it)`);
  }
  probeDir('--out', out);
  const rep = await shrinkSeed({
    seed,
    variant,
    sleds: int(argv, '--sleds'),
    nexus: int(argv, '--nexus'),
    budgetMs: int(argv, '--budget-ms'),
    onStep: (ops, runs) => console.log(`  run ${runs}: still breaks with ${ops} op(s)`),
  });
  writeReproducer(out, rep);
  console.log(`seed ${seed} (${variant}): ${rep.invariant} with ${rep.ops.length} of ${rep.originalOps} operations, trace ${rep.traceHash.slice(0, 16)}`);
  for (const op of rep.ops) console.log(`  ${describeOp(op)}`);
  console.log(`wrote ${out}\nreplay: pnpm scenario rack-workload --replay ${out}`);
  return 1;
}
