// `pnpm rack up` as a child process for the live tests: one node process with tsx's loader (not
// pnpm, not the tsx CLI, which both fork) so that a signal, SIGKILL too, reaches the rack itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Line {
  kind: string;
  node?: string;
  api?: string;
  url?: string;
}

/** Every rack a test started and that has not exited: a test that times out leaves its rack behind. */
const running = new Set<ChildProcess>();

/** SIGTERMs every rack still running and waits for each to exit (a test file's afterAll). */
export async function stopRacks(): Promise<void> {
  await Promise.all(
    [...running].map((c) => {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      return exited;
    }),
  );
}

export function startRack(dir: string, shape: { sleds: number; nexus: number } = { sleds: 2, nexus: 3 }): Promise<{ child: ChildProcess; lines: Line[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scenarios/live/rack-main.ts', 'up', '--sleds', String(shape.sleds), '--nexus', String(shape.nexus), '--db', join(dir, 'rack.sqlite'), '--dir', dir, '--period-scale', '0.01'], { stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const lines: Line[] = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`rack exited ${c}`)));
    createInterface({ input: child.stdout! }).on('line', (l) => {
      const j = JSON.parse(l) as Line;
      lines.push(j);
      if (j.kind === 'ready') resolve({ child, lines });
    });
  });
}

