// Node identities of a live rack, kept in its DB file so that `rack up` on the same file comes back
// as the same rack: omicron's zone and sled ids live in the blueprint and on the sleds' ledgers, so
// a restarted Nexus keeps its SEC id and finds the sagas assigned to it (nexus/src/saga.rs).
import { randomUUID } from 'node:crypto';
import type { Sqlite } from '../../sim/index.js';

export function identityOf(sql: Sqlite, name: string): string {
  sql.exec('CREATE TABLE IF NOT EXISTS live_rack_identity (name TEXT PRIMARY KEY, id TEXT NOT NULL)');
  sql.prepare('INSERT OR IGNORE INTO live_rack_identity (name, id) VALUES (?, ?)').run(name, randomUUID());
  return (sql.prepare('SELECT id FROM live_rack_identity WHERE name = ?').get(name) as { id: string }).id;
}
