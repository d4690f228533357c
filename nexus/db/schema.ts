// The shared database's schema: one module per domain, applied in order at rack build time.
import type { Sqlite } from '../../sim/index.js';
import { SAGA_SCHEMA } from '../saga/schema.js';
import { SLED_SCHEMA } from './schema-sled.js';
import { TUF_SCHEMA } from './schema-tuf.js';
import { FM_SCHEMA } from '../fm/schema.js';

const SCHEMAS: readonly string[] = [SLED_SCHEMA, TUF_SCHEMA, SAGA_SCHEMA, FM_SCHEMA];

export function applySchema(sql: Sqlite, extra: readonly string[] = []): void {
  for (const s of [...SCHEMAS, ...extra]) sql.exec(s);
}
