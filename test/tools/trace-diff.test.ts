import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rackSmoke } from '../../scenarios/rack-smoke.js';
import { runScenario } from '../../scenarios/runner.js';
import { firstDivergence } from '../../scenarios/tools/trace-diff.js';
import { ROOT, run, tempDir } from '../cli/support.js';

describe('trace-diff', () => {
  it('finds nothing between two runs of one seed', async () => {
    const a = await runScenario(rackSmoke, { seed: 5, keepTrace: true });
    const b = await runScenario(rackSmoke, { seed: 5, keepTrace: true });
    expect(firstDivergence(a.trace!, b.trace!)).toBeUndefined();
  });

  it('points at the first event where two runs part ways, with the shared events before it', async () => {
    const a = await runScenario(rackSmoke, { seed: 5, keepTrace: true });
    const b = await runScenario(rackSmoke, { seed: 6, keepTrace: true });
    const d = firstDivergence(a.trace!, b.trace!)!;
    expect(d).toBeDefined();
    expect(a.trace!.slice(0, d.index)).toEqual(b.trace!.slice(0, d.index));
    expect(d.a[0]).toBe(a.trace![d.index]);
    expect(d.b[0]).toBe(b.trace![d.index]);
    expect(d.a[0]).not.toBe(d.b[0]);
  });

  it('a trace that is a prefix of the other diverges where it ends', () => {
    const d = firstDivergence(['x', 'y'], ['x', 'y', 'z'])!;
    expect(d.index).toBe(2);
    expect(d.a).toEqual([]);
    expect(d.b).toEqual(['z']);
    expect(d.before).toEqual(['x', 'y']);
  });
});

describe('pnpm trace-diff input', () => {
  const script = join(ROOT, 'scenarios', 'tools', 'trace-diff.ts');
  it('a directory is bad usage (exit 2, a message, no stack), not "different"', () => {
    const dir = tempDir();
    const r = run([dir, dir], { script });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${dir} is not a file (a trace is the JSON Lines file of pnpm scenario --trace FILE)\n`);
  });

  it('two files that are not traces are refused, not diffed as text', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'one\ntwo\n');
    writeFileSync(join(dir, 'b.txt'), 'one\nthree\n');
    const r = run([join(dir, 'a.txt'), join(dir, 'b.txt')], { script });
    expect(r.code).toBe(2);
    expect(r.err).toContain('a.txt is not a rack-sim trace');
    expect(r.out).toBe('');
  });

  it('a reader that stops early (| head) ends it quietly, not with an EPIPE stack', () => {
    const dir = tempDir();
    expect(run(['rack-smoke', '--seed', '2', '--trace', join(dir, 'a.jsonl')]).code).toBe(0);
    expect(run(['rack-smoke', '--seed', '3', '--trace', join(dir, 'b.jsonl')]).code).toBe(0);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" --import tsx "${script}" a.jsonl b.jsonl | head -c 1 >/dev/null`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: dir },
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });

  it('two traces of one seed are identical (exit 0), paths taken from INIT_CWD', () => {
    const dir = tempDir();
    expect(run(['rack-smoke', '--seed', '2', '--trace', join(dir, 'a.jsonl')]).code).toBe(0);
    expect(run(['rack-smoke', '--seed', '2', '--trace', join(dir, 'b.jsonl')]).code).toBe(0);
    const r = run(['a.jsonl', 'b.jsonl'], { script, env: { INIT_CWD: dir } });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^identical: \d+ events\n$/);
  });
});
