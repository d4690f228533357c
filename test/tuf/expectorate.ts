// omicron-style expectorate: compare output with a committed text file under test/tuf/fixtures;
// `UPDATE_EXPECT=1` rewrites the file instead.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function expectFixture(name: string, actual: string): void {
  const path = join(FIXTURES, name);
  if (process.env.UPDATE_EXPECT === '1' || !existsSync(path)) {
    writeFileSync(path, actual);
    if (process.env.UPDATE_EXPECT !== '1') throw new Error(`fixture ${name} did not exist; wrote it (re-run to compare, or set UPDATE_EXPECT=1)`);
    return;
  }
  expect(actual, `output differs from fixtures/${name} (UPDATE_EXPECT=1 to regenerate)`).toBe(readFileSync(path, 'utf8'));
}
