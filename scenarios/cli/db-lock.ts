// An exclusive lock on a --db path for the length of the run: a second run given the same file is
// refused (exit 2) instead of both writing one SQLite file and reporting each other's damage as a
// race. The lock is a FILE.lock created with O_EXCL holding the owner's pid; a lock whose process
// is gone is stale and taken over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { UsageError } from './usage-error.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws a UsageError naming its holder; returns the release function. */
export function lockDb(file: string): () => void {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      const release = () => {
        try {
          if (readFileSync(lock, 'utf8') === String(process.pid)) rmSync(lock, { force: true });
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UsageError(`--db ${file}: cannot create the lock ${lock} (${(err as NodeJS.ErrnoException).code})`);
      }
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new UsageError(`--db ${file} is in use by another rack-sim run (pid ${holder}, lock ${lock}): give another file or wait`);
      }
      rmSync(lock, { force: true }); // stale: its run is gone
    }
  }
  throw new UsageError(`--db ${file}: could not take the lock ${lock}`);
}
