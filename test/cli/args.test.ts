// Flag validation in process (fast): each case is a defect issue 11 saw, with the message a user
// should get instead.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseCommand, type RunCommand } from '../../scenarios/cli/args.js';
import { UsageError } from '../../scenarios/cli/usage-error.js';

function usage(argv: string[]): string {
  try {
    parseCommand(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

const runOf = (argv: string[]) => parseCommand(argv) as RunCommand;

describe('flag validation', () => {
  it('--seed -1 is a number out of range, not an "ambiguous" option', () => {
    const m = usage(['rack-smoke', '--seed', '-1']);
    expect(m).toBe('--seed must be between 0 and 9007199254740991, got -1');
  });

  it('a seed too large to be exact is echoed as typed, not rounded', () => {
    expect(usage(['rack-smoke', '--seed', '99999999999999999999'])).toBe('--seed must be between 0 and 9007199254740991, got 99999999999999999999');
    expect(runOf(['rack-smoke', '--seed', '9007199254740991']).seeds).toEqual([9007199254740991]);
  });

  it('--from + --seeds may not run past the largest seed (nor run one seed twice)', () => {
    expect(usage(['rack-smoke', '--from', '9007199254740991', '--seeds', '3'])).toContain('would run up to seed 9007199254740993, past the largest seed 9007199254740991');
    const last = runOf(['rack-smoke', '--from', '9007199254740990', '--seeds', '2']).seeds;
    expect(last).toEqual([9007199254740990, 9007199254740991]);
  });

  it('list rejects flags it does not take', () => {
    expect(usage(['list', '--seed', 'abc'])).toBe('list takes only --json; got --seed');
    expect(parseCommand(['list', '--json'])).toEqual({ kind: 'list', json: true });
  });

  it('a leading -- (the npm habit) is not a second scenario', () => {
    expect(runOf(['--', 'rack-smoke', '--seed', '2']).seeds).toEqual([2]);
  });

  it('empty output paths are refused, and two outputs may not share a file', () => {
    expect(usage(['rack-smoke', '--db', ''])).toBe('--db needs a file name, got ""');
    expect(usage(['rack-smoke', '--trace', ''])).toBe('--trace needs a file name, got ""');
    expect(usage(['rack-smoke', '--db', '/tmp/x', '--trace', '/tmp/x'])).toBe('--trace and --db name the same file /tmp/x: give each its own');
  });

  it('--jobs above the core count is capped and says so', () => {
    const cores = availableParallelism();
    const cmd = runOf(['rack-smoke', '--seeds', '4', '--jobs', String(cores + 62)]);
    expect(cmd.jobs).toBe(cores);
    expect(cmd.notes).toEqual([`note: --jobs ${cores + 62} capped at ${cores}, the number of cores here`]);
    expect(runOf(['rack-smoke', '--seeds', '4', '--jobs', '1']).notes).toEqual([]);
  });

  it('relative output paths are taken from the directory the command was typed in (INIT_CWD)', () => {
    const saved = process.env.INIT_CWD;
    process.env.INIT_CWD = '/somewhere/else';
    try {
      expect(runOf(['rack-smoke', '--trace', 'out/t.jsonl']).trace).toBe('/somewhere/else/out/t.jsonl');
      expect(runOf(['rack-smoke', '--db', '/abs/r.db']).db).toBe('/abs/r.db');
    } finally {
      if (saved === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = saved;
    }
  });

  it('--shard K/N takes disjoint parts that together are the whole sweep', () => {
    const all = runOf(['rack-smoke', '--seeds', '10', '--from', '5']).seeds;
    const parts = [1, 2, 3].map((k) => runOf(['rack-smoke', '--seeds', '10', '--from', '5', '--shard', `${k}/3`]).seeds);
    expect(parts.map((p) => p.length)).toEqual([3, 3, 4]);
    expect(parts.flat()).toEqual(all);
    expect(usage(['rack-smoke', '--seeds', '10', '--shard', '4/3'])).toBe('--shard K must be between 1 and 3, got 4');
    expect(usage(['rack-smoke', '--seeds', '2', '--shard', '1/3'])).toBe('--shard 1/3: cannot split 2 seed(s) into 3 parts');
    expect(usage(['rack-smoke', '--shard', '1/2'])).toBe('--shard splits a sweep: use it with --seeds');
    expect(usage(['rack-smoke', '--seeds', '4', '--shard', 'half'])).toContain('--shard must be K/N');
  });

  it('help and --help are commands; merge takes files', () => {
    expect(parseCommand(['help'])).toEqual({ kind: 'help' });
    expect(parseCommand(['--help'])).toEqual({ kind: 'help' });
    expect(usage(['merge'])).toContain('merge needs the --json output files');
    expect(parseCommand(['merge', '/a.jsonl', '/b.jsonl'])).toEqual({ kind: 'merge', files: ['/a.jsonl', '/b.jsonl'], json: false });
  });
});
