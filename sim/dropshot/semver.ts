// Semantic versions as the Rust `semver` crate parses and orders them: dropshot parses the
// `api-version` header with `Version::from_str` and echoes the crate's error text to the client, so
// the messages below are that crate's (src/parse.rs, src/error.rs), and the order is its `Ord`
// (major, minor, patch, then pre-release, then build metadata).

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string[];
  build: string[];
}

const U64_MAX = (1n << 64n) - 1n;

type Position = 'major version number' | 'minor version number' | 'patch version number' | 'pre-release identifier' | 'build metadata';

export class SemverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SemverError';
  }
}

/** The crate's `QuotedChar`: a char's Debug form (escapes aside, `'x'`). */
function quoted(ch: string): string {
  return ch === "'" ? "'\\''" : `'${ch}'`;
}

function numeric(input: string, pos: Position): [bigint, string] {
  let len = 0;
  let value = 0n;
  while (len < input.length && input[len] >= '0' && input[len] <= '9') {
    if (value === 0n && len > 0) throw new SemverError(`invalid leading zero in ${pos}`);
    value = value * 10n + BigInt(input.charCodeAt(len) - 48);
    if (value > U64_MAX) throw new SemverError(`value of ${pos} exceeds u64::MAX`);
    len++;
  }
  if (len > 0) return [value, input.slice(len)];
  const next = [...input][0];
  throw new SemverError(next === undefined ? `unexpected end of input while parsing ${pos}` : `unexpected character ${quoted(next)} while parsing ${pos}`);
}

function dot(input: string, pos: Position): string {
  if (input.startsWith('.')) return input.slice(1);
  const next = [...input][0];
  throw new SemverError(next === undefined ? `unexpected end of input while parsing ${pos}` : `unexpected character ${quoted(next)} after ${pos}`);
}

/** Dot-separated [0-9A-Za-z-] segments; stops at the first other character. */
function identifier(input: string, pos: Position): [string[], string] {
  const m = /^[0-9A-Za-z-]*(\.[0-9A-Za-z-]*)*/.exec(input)?.[0] ?? '';
  if (m === '') return [[], input];
  const segments = m.split('.');
  if (segments.some((s) => s === '')) throw new SemverError(`empty identifier segment in ${pos}`);
  if (pos === 'pre-release identifier' && segments.some((s) => s.length > 1 && /^[0-9]+$/.test(s) && s.startsWith('0'))) {
    throw new SemverError(`invalid leading zero in ${pos}`);
  }
  return [segments, input.slice(m.length)];
}

export function parseVersion(text: string): Version {
  if (text === '') throw new SemverError('empty string, expected a semver version');
  const [major, a] = numeric(text, 'major version number');
  const [minor, b] = numeric(dot(a, 'major version number'), 'minor version number');
  let [patch, rest] = numeric(dot(b, 'minor version number'), 'patch version number');
  let pos: Position = 'patch version number';
  let pre: string[] = [];
  let build: string[] = [];
  if (rest.startsWith('-')) {
    pos = 'pre-release identifier';
    [pre, rest] = identifier(rest.slice(1), pos);
    if (pre.length === 0) throw new SemverError(`empty identifier segment in ${pos}`);
  }
  if (rest.startsWith('+')) {
    pos = 'build metadata';
    [build, rest] = identifier(rest.slice(1), pos);
    if (build.length === 0) throw new SemverError(`empty identifier segment in ${pos}`);
  }
  const next = [...rest][0];
  if (next !== undefined) throw new SemverError(`unexpected character ${quoted(next)} after ${pos}`);
  return { major, minor, patch, pre, build };
}

export function formatVersion(v: Version): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre.length ? `-${v.pre.join('.')}` : ''}${v.build.length ? `+${v.build.join('.')}` : ''}`;
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Identifiers: numeric ones by value and before alphanumeric ones, the rest by ASCII; a longer
 * list wins a tie. */
function cmpIdents(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    const [nx, ny] = [/^[0-9]+$/.test(x), /^[0-9]+$/.test(y)];
    const c = nx && ny ? cmpBig(BigInt(x), BigInt(y)) || x.length - y.length : nx ? -1 : ny ? 1 : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return Math.sign(c);
  }
  return Math.sign(a.length - b.length);
}

/** The crate's `Ord for Version`: a pre-release sorts before its release; build metadata after. */
export function compareVersions(a: Version, b: Version): number {
  const core = cmpBig(a.major, b.major) || cmpBig(a.minor, b.minor) || cmpBig(a.patch, b.patch);
  if (core !== 0) return core;
  if (a.pre.length === 0 || b.pre.length === 0) {
    const pre = Math.sign(b.pre.length - a.pre.length); // no pre-release is the greater
    if (pre !== 0) return pre;
  } else {
    const pre = cmpIdents(a.pre, b.pre);
    if (pre !== 0) return pre;
  }
  return cmpIdents(a.build, b.build);
}
