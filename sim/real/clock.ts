// The live rack's clock: the host's wall clock and timers.
import type { Clock } from '../types.js';

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  setTimeout(fn: (...args: any[]) => void, ms: number): any {
    return setTimeout(fn, ms);
  }

  clearTimeout(id: any): void {
    clearTimeout(id);
  }
}
