// A wait that another simulated actor ends (tokio's `Notify`, a bounded channel's `send`). Code
// serving a request runs under a hold that stops the clock (Scheduler.holdWhile); a plain
// `new Promise` waiting on, say, a background task would keep that hold up, so the task could
// never run and the run would hang. simWait parks the hold for the wait's length.
import { parkCurrent } from './scheduler.js';

/**
 * Resolves with the value passed to `wake`; `register` hands `wake` to whoever ends the wait.
 * The hold is set aside when simWait is called, not when its promise is awaited, and there is no
 * cancel: call it only where the wait starts, and make sure something will call `wake`.
 */
export function simWait<T = void>(register: (wake: (value: T) => void) => void): Promise<T> {
  const unpark = parkCurrent();
  return new Promise<T>((resolve) => {
    let woken = false;
    register((value) => {
      if (woken) return;
      woken = true;
      unpark(); // before the continuation is queued, so the clock cannot slip past it
      resolve(value);
    });
  });
}
