// Everything an Rng derives from a uniform float in [0, 1); seeded and real sources share it.
import type { Rng } from './types.js';

export abstract class RngBase implements Rng {
  abstract float(): number;
  abstract uuid(): string;
  abstract fork(name: string): Rng;

  int(lo: number, hi: number): number {
    if (hi <= lo) throw new RangeError(`empty range [${lo}, ${hi})`);
    return lo + Math.floor(this.float() * (hi - lo));
  }

  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length)];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
