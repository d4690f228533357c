// The live rack's randomness: the OS CSPRNG. Streams are all the same source.
import { randomInt, randomUUID } from 'node:crypto';
import type { Rng } from '../types.js';

export class CryptoRng implements Rng {
  float(): number {
    return randomInt(0, 2 ** 48) / 2 ** 48;
  }

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

  uuid(): string {
    return randomUUID();
  }

  fork(): Rng {
    return this;
  }
}
