// The live rack's randomness: the OS CSPRNG. Streams are all the same source.
import { randomInt, randomUUID } from 'node:crypto';
import { RngBase } from '../rng-base.js';

export class CryptoRng extends RngBase {
  float(): number {
    return randomInt(0, 2 ** 48) / 2 ** 48;
  }

  uuid(): string {
    return randomUUID();
  }

  fork(): CryptoRng {
    return this;
  }
}
