// The live rack's randomness: the OS CSPRNG. Streams are all the same source.
import { randomBytes, randomUUID } from 'node:crypto';
import { RngBase } from '../rng-base.js';

export class CryptoRng extends RngBase {
  float(): number {
    // 48 random bits in [0, 1). (crypto.randomInt cannot: its range must stay below 2^48.)
    return randomBytes(6).readUIntBE(0, 6) / 2 ** 48;
  }

  uuid(): string {
    return randomUUID();
  }

  fork(): CryptoRng {
    return this;
  }
}
