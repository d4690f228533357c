// sitrep-gc-under-read: with omicron's metadata-first GC, a laggy metadata-last (or transactional)
// loader reading a sitrep the GC is deleting reads all of it or NotFound. The children-first GC
// mutant that this scenario exists to catch is in oracle-bites.test.ts.
import { describe, it } from 'vitest';
import { sitrepGcUnderRead } from '../../scenarios/sitrep-gc-under-read.js';
import { expectVerdict } from '../support/verdicts.js';

describe('sitrep-gc-under-read', () => {
  it('metadata-last holds', () => expectVerdict(sitrepGcUnderRead, 'metadata-last', { seeds: 60 }), 120_000);
  it('transaction holds', () => expectVerdict(sitrepGcUnderRead, 'transaction', { seeds: 60 }), 120_000);
});
