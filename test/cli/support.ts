// Running the CLI as a user does (a child process through tsx) and temp dirs that are removed
// when the test file ends.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'scenarios', 'cli.ts');

export interface Ran {
  code: number | null;
  out: string;
  err: string;
}

export function run(args: string[], opts: { cwd?: string; env?: Record<string, string>; script?: string } = {}): Ran {
  const r = spawnSync(process.execPath, ['--import', 'tsx', opts.script ?? CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: '', ...opts.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts the CLI without waiting (for locks and Ctrl-C). */
export function start(args: string[], opts: { env?: Record<string, string> } = {}) {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...process.env, INIT_CWD: '', ...opts.env } });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp dir, removed after the file's tests. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'rack-sim-test-'));
  dirs.push(d);
  return d;
}
