// How clap 4.6 (the version omicron's Cargo.lock pins at b848b6df85) words a usage error, and the
// two std parse errors omdb's value parsers surface through it. Pure text; the parser that decides
// which error applies is scenarios/live/omdb-args.ts.
//
// clap's RichFormatter: `error: <message>`, then the tips (a blank line, each `  tip: ...`), then
// `Usage: ...` after a blank line when the error carries one, then `For more information, try
// '--help'.` after a blank line. Which errors carry a usage line is clap's choice, not ours:
// unknown arguments, unrecognized or missing subcommands, missing required arguments and repeated
// arguments do; a bad or empty value does not (omdb's usage_errors.out shows both kinds).

export interface ClapError {
  message: string;
  /** `tip:` lines, already worded (`a similar subcommand exists: 'list'`). */
  tips?: string[];
  /** The usage line without its `Usage: ` title, or none for the value errors. */
  usage?: string;
}

export function clapErrorText(e: ClapError): string {
  let out = `error: ${e.message}`;
  if (e.tips?.length) out += '\n' + e.tips.map((t) => `\n  tip: ${t}`).join('');
  if (e.usage !== undefined) out += `\n\nUsage: ${e.usage}`;
  return out + "\n\nFor more information, try '--help'.\n";
}

/** strsim 0.11's `jaro` over chars, as clap's suggestions use it. */
export function jaro(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(x.length, y.length) / 2) - 1);
  const xf = x.map(() => false);
  const yf = y.map(() => false);
  let matches = 0;
  x.forEach((c, i) => {
    for (let j = Math.max(0, i - range); j < Math.min(y.length, i + range + 1); j++) {
      if (!yf[j] && y[j] === c) {
        xf[i] = yf[j] = true;
        matches++;
        break;
      }
    }
  });
  if (matches === 0) return 0;
  const ys = y.filter((_, j) => yf[j]);
  const half = x.filter((_, i) => xf[i]).filter((c, k) => c !== ys[k]).length;
  const t = Math.floor(half / 2);
  return (matches / x.length + matches / y.length + (matches - t) / matches) / 3;
}

/** clap's `did_you_mean`: every candidate with Jaro similarity above 0.7, most similar last. */
export function didYouMean(value: string, candidates: readonly string[]): string[] {
  const scored: [number, string][] = [];
  for (const c of candidates) {
    const score = jaro(value, c);
    // clap inserts before the first entry scoring higher, so equal scores keep arrival order.
    if (score <= 0.7) continue;
    const at = scored.findIndex(([s]) => s > score);
    scored.splice(at < 0 ? scored.length : at, 0, [score, c]);
  }
  return scored.map(([, c]) => c);
}

/** clap's tip for a list of similar names (subcommands) or a single one (arguments, values). */
export function similarTip(kind: 'subcommand' | 'argument' | 'value', names: readonly string[]): string {
  const quoted = names.map((n) => `'${n}'`).join(', ');
  return names.length === 1 ? `a similar ${kind} exists: ${quoted}` : `some similar ${kind}s exist: ${quoted}`;
}

/**
 * Rust's `ParseIntError` Display for `s.parse::<NonZeroU32>()`, or undefined if it parses. Digits
 * are read left to right, so a bad digit after an overflow still reports the overflow.
 */
export function nonZeroU32Error(s: string): string | undefined {
  const digits = s.startsWith('+') && s.length > 1 ? s.slice(1) : s;
  if (s === '') return 'cannot parse integer from empty string';
  let n = 0;
  for (const c of digits) {
    if (c < '0' || c > '9') return 'invalid digit found in string';
    n = n * 10 + Number(c);
    if (n > 0xffffffff) return 'number too large to fit in target type';
  }
  return n === 0 ? 'number would be zero for non-zero type' : undefined;
}

/** Rust's `ParseBoolError` Display, or undefined for `true` / `false` (exactly). */
export const boolError = (s: string): string | undefined => (s === 'true' || s === 'false' ? undefined : 'provided string was not `true` or `false`');
