// `pnpm trace-diff A.jsonl B.jsonl`: where two traces first diverge (a determinism leak between two
// runs of one seed, or where two designs part ways on the same seed). Prints the shared prefix's
// length and the events around the first difference. Exit 0 identical, 1 different, 2 bad usage.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

const CONTEXT = 3;

export interface Divergence {
  index: number;
  a: string[];
  b: string[];
  before: string[];
}

/** The first line at which the traces differ, with context; undefined if identical. */
export function firstDivergence(a: readonly string[], b: readonly string[]): Divergence | undefined {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return undefined;
  return { index: i, before: a.slice(Math.max(0, i - CONTEXT), i), a: a.slice(i, i + CONTEXT), b: b.slice(i, i + CONTEXT) };
}

/** A trace's events, without its run.config header (which names the variant and always differs
 * between two designs); the header is returned apart. */
function load(file: string): { header: string | undefined; events: string[] } {
  const all = readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  const isHeader = (l: string) => l.includes('"kind":"run.config"');
  return { header: all.find(isHeader), events: all.filter((l) => !isHeader(l)) };
}

/** Why a path is not a trace `pnpm scenario --trace` wrote, or undefined if it is one. */
export function notATrace(file: string): string | undefined {
  if (!existsSync(file)) return `no such trace file: ${file}`;
  if (!statSync(file).isFile()) return `${file} is not a file (a trace is the JSON Lines file of pnpm scenario --trace FILE)`;
  const first = readFileSync(file, 'utf8').split('\n', 1)[0];
  try {
    const ev = JSON.parse(first) as { kind?: unknown };
    if (ev.kind === 'run.config') return undefined;
  } catch {
    // not JSON
  }
  return `${file} is not a rack-sim trace (its first line should be the run.config event of pnpm scenario --trace FILE)`;
}

function main(argv: string[]): number {
  if (argv.length !== 2) {
    console.error('usage: pnpm trace-diff A.jsonl B.jsonl   (traces written by pnpm scenario ... --trace FILE)');
    return 2;
  }
  // Paths as typed in the caller's directory (pnpm runs scripts in the package root).
  const files = argv.map((f) => (isAbsolute(f) ? f : resolve(process.env.INIT_CWD || process.cwd(), f)));
  for (const f of files) {
    const problem = notATrace(f);
    if (problem) {
      console.error(`error: ${problem}`);
      return 2;
    }
  }
  const [ta, tb] = files.map(load);
  if (ta.header !== tb.header) {
    console.log(`A: ${ta.header ?? '(no run.config)'}`);
    console.log(`B: ${tb.header ?? '(no run.config)'}`);
  }
  const [a, b] = [ta.events, tb.events];
  const d = firstDivergence(a, b);
  if (!d) {
    console.log(`identical: ${a.length} events`);
    return 0;
  }
  console.log(`the traces share their first ${d.index} events (A has ${a.length}, B has ${b.length}); first difference at event ${d.index + 1}:`);
  for (const l of d.before) console.log(`  = ${l}`);
  for (const l of d.a) console.log(`  A ${l}`);
  for (const l of d.b) console.log(`  B ${l}`);
  return 1;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  // `pnpm trace-diff A B | head` closes stdout early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = main(process.argv.slice(2));
}
