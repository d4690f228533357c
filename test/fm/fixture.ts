// A bare shared DB on virtual time for FM datastore tests, and a few sitrep builders.
import { applySchema, buildSitrep, fmSitrepInsert, type Ereport, type Sitrep } from '../../nexus/index.js';
import type { Db, Rng, TraceFn, World } from '../../sim/index.js';
import { world } from '../support/world.js';

export interface Fixture {
  w: World;
  db: Db;
  rng: Rng;
  events: { kind: string; [k: string]: unknown }[];
  emit: TraceFn;
}

export function fixture(): Fixture {
  const w = world();
  applySchema(w.sql);
  const events: Fixture['events'] = [];
  return { w, db: w.db('nexus-0'), rng: w.rng.fork('test'), events, emit: (kind, data) => events.push({ kind, ...data }) };
}

let n = 0;
export function ereport(serial: string, cls = 'hw.fault'): Ereport {
  return { id: `er-${String(++n).padStart(4, '0')}`, class: cls, part_serial: serial, de: 'physical_disk', wants_bundle: 0 };
}

export function child(f: Fixture, parent: Sitrep | undefined, ereports: Ereport[]): Sitrep {
  const s = buildSitrep({ parent, ereports, rng: f.rng, creatorId: 'nexus-0', now: '2026-01-01T00:00:00.000Z' });
  if (!s) throw new Error('diagnosis changed nothing');
  return s;
}

export function commit(f: Fixture, s: Sitrep) {
  return fmSitrepInsert(f.db, s, () => f.w.now, f.emit);
}

export function count(f: Fixture, sql: string, ...args: unknown[]): number {
  return (f.w.sql.prepare(sql).get(...args) as { n: number }).n;
}
