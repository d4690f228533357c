// Progress on stderr, only when stderr is a terminal (so pipes, CI logs and --json consumers see
// nothing extra): a bar for sweeps (done/total, failures, seeds/s, ETA) and, for one long run, its
// simulated time and event count. Lines printed meanwhile go through `log`, which lifts the bar.
import cliProgress from 'cli-progress';
import type { World } from '../../sim/index.js';
import { SIM_EPOCH_MS } from '../../sim/index.js';

export interface Progress {
  /** Prints a stdout line without tearing the bar. */
  log(line: string): void;
  seedDone(failed: boolean): void;
  /** For one run: follow its world's clock until stop(). */
  follow(world: World): void;
  stop(): void;
}

const SHOW_RUN_AFTER_MS = 1000;

export function progress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    return { log: (l) => console.log(l), seedDone: () => {}, follow: () => {}, stop: () => {} };
  }
  const started = Date.now();
  let failures = 0;
  let done = 0;
  let sweepBar: cliProgress.SingleBar | undefined;
  let runBar: cliProgress.SingleBar | undefined;
  let timer: NodeJS.Timeout | undefined;
  const opts = { stream, hideCursor: true, clearOnComplete: true, linewrap: false, fps: 5 };
  if (total > 1) {
    sweepBar = new cliProgress.SingleBar({
      ...opts,
      format: '{bar} {value}/{total} seeds | {failures} failed | {rate} seeds/s | ETA {eta_formatted}',
      etaBuffer: 50,
    });
    sweepBar.start(total, 0, { failures: 0, rate: '0.0' });
  }
  const active = () => sweepBar ?? runBar;
  return {
    log(line) {
      const bar = active();
      if (bar) {
        stream.clearLine(0);
        stream.cursorTo(0);
      }
      console.log(line);
      bar?.render();
    },
    seedDone(failed) {
      if (failed) failures++;
      done++;
      const secs = (Date.now() - started) / 1000;
      sweepBar?.increment(1, { failures, rate: (done / Math.max(secs, 0.001)).toFixed(1) });
    },
    follow(world) {
      if (total > 1) return;
      timer = setInterval(() => {
        if (Date.now() - started < SHOW_RUN_AFTER_MS) return;
        const payload = { sim: ((world.now - SIM_EPOCH_MS) / 1000).toFixed(1), events: world.trace.count, wall: Math.round((Date.now() - started) / 1000) };
        if (!runBar) {
          runBar = new cliProgress.SingleBar({ ...opts, format: 'running: simulated {sim}s | {events} events | {wall}s wall' });
          runBar.start(1, 0, payload);
        } else runBar.update(0, payload);
      }, 200);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      runBar?.stop();
      sweepBar?.stop();
      runBar = sweepBar = undefined;
    },
  };
}
