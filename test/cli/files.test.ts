// Output files: a user's file is never lost, a bad path is refused before the run (exit 2, no
// stack), two runs never share a database, and the CLI says where it wrote.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, start, tempDir } from './support.js';

const TEXT = 'my notes, not a database\n';

function refusedBeforeRun(r: { code: number | null; out: string; err: string }, message: string) {
  expect(r.code).toBe(2);
  expect(r.err).toContain(message);
  expect(r.err).not.toMatch(/\n\s+at /); // no stack
  expect(r.out).not.toMatch(/^seed /m); // nothing ran
}

describe('--db / --trace / --html never destroy a file that is not rack-sim\'s', () => {
  it('--db on a text file (and its -journal) refuses, exit 2, both intact; --force replaces it', () => {
    const dir = tempDir();
    const db = join(dir, 'notes.txt');
    writeFileSync(db, TEXT);
    writeFileSync(`${db}-journal`, TEXT);
    refusedBeforeRun(run(['rack-smoke', '--seed', '2', '--db', db]), `--db ${db} exists and is not a rack-sim database: refusing to overwrite it (--force to replace it)`);
    expect(readFileSync(db, 'utf8')).toBe(TEXT);
    expect(readFileSync(`${db}-journal`, 'utf8')).toBe(TEXT);
    const forced = run(['rack-smoke', '--seed', '2', '--db', db, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(db).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('an earlier rack-sim database is replaced without --force; the lock file is gone after', () => {
    const db = join(tempDir(), 'rack.db');
    expect(run(['rack-smoke', '--seed', '2', '--db', db]).code).toBe(0);
    const again = run(['rack-smoke', '--seed', '3', '--db', db]);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`wrote ${db}`);
    expect(existsSync(`${db}.lock`)).toBe(false);
    expect(readdirSync(dirname(db))).toEqual(['rack.db']); // no temporary sibling left behind
  });

  it('--trace and --html refuse a foreign file and replace their own', () => {
    const dir = tempDir();
    for (const flag of ['--trace', '--html']) {
      const file = join(dir, `out${flag}`);
      writeFileSync(file, TEXT);
      refusedBeforeRun(run(['rack-smoke', '--seed', '2', flag, file]), 'refusing to overwrite it');
      expect(readFileSync(file, 'utf8')).toBe(TEXT);
      expect(run(['rack-smoke', '--seed', '2', flag, file, '--force']).code).toBe(0);
      expect(run(['rack-smoke', '--seed', '3', flag, file]).code).toBe(0); // its own: replaced
    }
  });
});

describe('--db is locked for the run', () => {
  it('a second run on a --db in use is refused (exit 2), not reported as a race', () => {
    const db = join(tempDir(), 'shared.db');
    writeFileSync(`${db}.lock`, String(process.pid)); // held by a live process: this test
    refusedBeforeRun(run(['rack-smoke', '--seed', '2', '--db', db]), `--db ${db} is in use by another rack-sim run (pid ${process.pid}`);
  });

  it('a stale lock (its process gone) is taken over', () => {
    const db = join(tempDir(), 'stale.db');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${db}.lock`, gone);
    expect(run(['rack-smoke', '--seed', '2', '--db', db]).code).toBe(0);
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('two runs started together on one --db: never a false violation', async () => {
    const db = join(tempDir(), 'race.db');
    const codes = await Promise.all(
      [1, 2].map(
        (seed) =>
          new Promise<{ code: number | null; out: string }>((resolve) => {
            const p = start(['rack-smoke', '--seed', String(seed), '--sleds', '24', '--db', db]);
            let out = '';
            p.stdout.on('data', (d) => (out += d));
            p.stderr.on('data', (d) => (out += d));
            p.on('close', (code) => resolve({ code, out }));
          }),
      ),
    );
    for (const c of codes) {
      expect([0, 2]).toContain(c.code);
      expect(c.out).not.toContain('readonly database');
    }
    expect(codes.some((c) => c.code === 0)).toBe(true);
  }, 60_000);
});

describe('output paths are checked before the run', () => {
  it.each([
    ['a directory', (d: string) => d, 'is a directory: give a file name'],
    ['a missing parent', (d: string) => join(d, 'no', 'such', 't.jsonl'), 'does not exist'],
    ['/proc', () => '/proc/rack-sim-trace.jsonl', 'cannot write in /proc'],
  ])('--trace into %s: exit 2 with a message', (_what, path, message) => {
    refusedBeforeRun(run(['rack-smoke', '--seed', '2', '--trace', path(tempDir())]), message);
  });

  it('relative paths land in the caller\'s directory (INIT_CWD) and the absolute path is printed', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    const r = run(['rack-smoke', '--seed', '2', '--trace', 'sub/t.jsonl'], { env: { INIT_CWD: dir } });
    expect(r.code).toBe(0);
    expect(r.out).toContain(`wrote ${join(dir, 'sub', 't.jsonl')}`);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['t.jsonl']);
  });
});
