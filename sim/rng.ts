// Seeded randomness: seedrandom streams named from the run seed, so adding a consumer of one stream
// never perturbs another.
import seedrandom from 'seedrandom';
import { RngBase } from './rng-base.js';

export class SeededRng extends RngBase {
  private readonly prng: seedrandom.PRNG;

  constructor(readonly key: string) {
    super();
    this.prng = seedrandom(key);
  }

  /** The root stream of a run. */
  static root(seed: number): SeededRng {
    return new SeededRng(`rack-sim/${seed}`);
  }

  float(): number {
    return this.prng.quick();
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
