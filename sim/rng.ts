// Seeded randomness: seedrandom streams named from the run seed, so adding a consumer of one stream
// never perturbs another.
import seedrandom from 'seedrandom';
import type { Rng } from './types.js';

export class SeededRng implements Rng {
  private readonly prng: seedrandom.PRNG;

  constructor(readonly key: string) {
    this.prng = seedrandom(key);
  }

  /** The root stream of a run. */
  static root(seed: number): SeededRng {
    return new SeededRng(`rack-sim/${seed}`);
  }

  float(): number {
    return this.prng.quick();
  }

  int(lo: number, hi: number): number {
    if (hi <= lo) throw new RangeError(`empty range [${lo}, ${hi})`);
    return lo + Math.floor(this.prng.quick() * (hi - lo));
  }

  chance(p: number): boolean {
    return p > 0 && this.prng.quick() < p;
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

  /** RFC 4122 version-4 layout, drawn from this stream. */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 16; i++) hex.push(this.int(0, 256).toString(16).padStart(2, '0'));
    hex[6] = ((parseInt(hex[6], 16) & 0x0f) | 0x40).toString(16).padStart(2, '0');
    hex[8] = ((parseInt(hex[8], 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  fork(name: string): SeededRng {
    return new SeededRng(`${this.key}/${name}`);
  }
}
