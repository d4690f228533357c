// Output files: resolved against the caller's directory, checked before the run starts (exit 2,
// never a stack after a long run), and never destroying a file that is not rack-sim's own unless
// --force. Files are written to a temporary sibling and renamed into place, so an interrupted or
// failed run leaves the old file whole.
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from './usage-error.js';

/** pnpm runs scripts in the package root; INIT_CWD is where the user typed the command. */
export function callerDir(): string {
  return process.env.INIT_CWD || process.cwd();
}

export function resolveOutput(flag: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`--${flag} needs a ${flag === 'keep' ? 'directory' : 'file'} name, got ""`);
  return isAbsolute(text) ? text : resolve(callerDir(), text);
}

export type OutputKind = 'trace' | 'db' | 'html';

/** The marker every rack-sim timeline page carries, by which a later run may replace it. */
export const HTML_MARKER = '<meta name="generator" content="rack-sim timeline">';
/** The table a kept database carries (written by the CLI after the run). */
export const DB_MARKER_TABLE = 'rack_sim_run';

function head(file: string, bytes = 65536): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    return buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/** Is this existing file one an earlier rack-sim run wrote (so replacing it loses nothing)? */
export function isOwnFile(kind: OutputKind, file: string): boolean {
  const text = head(file);
  if (text.length === 0) return true; // an empty file holds nothing to lose
  if (kind === 'trace') {
    const first = text.toString('utf8').split('\n')[0];
    try {
      return (JSON.parse(first) as { kind?: unknown }).kind === 'run.config';
    } catch {
      return false;
    }
  }
  if (kind === 'html') return text.toString('utf8').includes(HTML_MARKER);
  if (text.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return false;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get('table', DB_MARKER_TABLE) !== undefined;
    } finally {
      db.close();
    }
  } catch {
    return false; // not a database SQLite can read: not ours
  }
}

/** A path that the run will be able to write, or a UsageError saying why not. */
export function checkOutput(kind: OutputKind, file: string, force: boolean): void {
  const flag = `--${kind}`;
  const dir = dirname(file);
  if (!existsSync(dir)) throw new UsageError(`${flag} ${file}: directory ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${flag} ${file}: ${dir} is not a directory`);
  if (existsSync(file)) {
    const st = statSync(file);
    if (st.isDirectory()) throw new UsageError(`${flag} ${file} is a directory: give a file name`);
    if (!st.isFile()) throw new UsageError(`${flag} ${file} is not a regular file`);
    if (!force && !isOwnFile(kind, file)) {
      throw new UsageError(`${flag} ${file} exists and is not a rack-sim ${kind === 'db' ? 'database' : kind === 'html' ? 'timeline' : 'trace'}: refusing to overwrite it (--force to replace it)`);
    }
  }
  probeDir(flag, file);
}

/** Creating a file next to the target is what the final rename needs (and fails on /proc, read-only
 * mounts and directories without write permission, where access(2) may say yes to root). */
export function probeDir(flag: string, file: string): void {
  const probe = tempSibling(file, 'probe');
  try {
    writeFileSync(probe, '');
  } catch (err) {
    throw new UsageError(`${flag} ${file}: cannot write in ${dirname(file)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  } finally {
    rmSync(probe, { force: true });
  }
}

export function tempSibling(file: string, tag: string): string {
  return join(dirname(file), `.${basename(file)}.${tag}-${process.pid}.tmp`);
}

/** Writes via a temporary sibling and a rename: readers never see half a file. */
export function writeAtomic(file: string, data: string): void {
  const tmp = tempSibling(file, 'write');
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
