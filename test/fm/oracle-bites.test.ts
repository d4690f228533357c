// The oracle bites: realistic one-line changes to the FM mechanisms, applied by wrapping or
// replacing a mechanism module's export (test/support/mutant.ts), never by touching a checker,
// are each caught by the invariant of their own race. Measured over seeds 1-30: metadata before
// bundle requests fails 7/30 from seed 8; over seeds 1-20, GC children first (sitrep-gc-under-read)
// fails 16/20 from seed 1, the split SitrepGuardedInsert (alert-create-race) every seed. ORACLE_SEEDS=N re-measures.
import { describe, it } from 'vitest';
import { CHILD_TABLES, selectAlertRequests, selectBundleRequests, selectCases, selectCurrentVersion, selectMetadata } from '../../nexus/fm/rows.js';
import type { AlertCreateArgs } from '../../nexus/fm/alert-insert.js';
import type { AlertDesign } from '../../nexus/fm/types.js';
import type { ReadDesign, Sitrep } from '../../nexus/fm/types.js';
import type { Db } from '../../sim/index.js';
import type { ScenarioDef } from '../../scenarios/types.js';
import { loadMutant, type Patch } from '../support/mutant.js';
import { expectVerdict } from '../support/verdicts.js';

const SEEDS = Number(process.env.ORACLE_SEEDS ?? 0);
const GC_SEEDS = 5;
const SPLIT_SEEDS = 5;

async function mutated(modules: Record<string, Patch>, file: string, name: string, variant: string): Promise<ScenarioDef> {
  const def = (await loadMutant<Record<string, ScenarioDef>>(modules, `scenarios/${file}`))[name];
  return { ...def, expected: { ...def.expected, [variant]: 'caught' } };
}

type Read = typeof import('../../nexus/fm/read.js');
type Gc = typeof import('../../nexus/fm/gc.js');
type AlertInsert = typeof import('../../nexus/fm/alert-insert.js');

describe('FM mutants', () => {
  it('the metadata-last read taking metadata before the support-bundle requests is caught by loaded-sitrep-matches-inserted', async () => {
    const metadataBeforeBundles: Patch = (o) => ({
      fmSitrepRead: async (db: Db, design: ReadDesign, id: string): Promise<Sitrep> => {
        if (design !== 'metadata-last') return (o as unknown as Read).fmSitrepRead(db, design, id);
        const cases = await db.step('fm_sitrep_read.fm_case', (sql) => selectCases(sql, id));
        const alert_requests = await db.step('fm_sitrep_read.fm_alert_request', (sql) => selectAlertRequests(sql, id));
        const metadata = await db.step('fm_sitrep_read.metadata', (sql) => selectMetadata(sql, id));
        if (!metadata) throw new (o as unknown as Read).SitrepNotFound(id);
        const support_bundle_requests = await db.step('fm_sitrep_read.fm_support_bundle_request', (sql) => selectBundleRequests(sql, id));
        return { metadata, cases, alert_requests, support_bundle_requests };
      },
    });
    const def = await mutated({ 'nexus/fm/read.ts': metadataBeforeBundles }, 'racing-sitrep-delete.ts', 'racingSitrepDelete', 'metadata-last');
    const r = await expectVerdict(def, 'metadata-last', { seeds: SEEDS || 10, invariant: 'loaded-sitrep-matches-inserted' });
    if (process.env.ORACLE_SEEDS) console.log('FAILING', r.filter((x) => x.verdict === 'fail').map((x) => x.seed).join(','));
  });


  it('sitrep GC deleting the children of orphaned sitreps before their metadata is caught by loaded-sitrep-matches-inserted (sitrep-gc-under-read)', async () => {
    // The phases swapped: children whose sitrep phase 1 is about to delete go first (the predicate
    // of delete_orphaned_sitrep_metadata.sql), then the shipped GC.
    const childrenFirst: Patch = (o) => ({
      fmSitrepGcOrphans: async (db: Db) => {
        for (const table of CHILD_TABLES) {
          await db.step(`fm_sitrep_gc.${table}.first`, (sql) =>
            sql
              .prepare(
                `WITH current AS (SELECT sitrep_id FROM fm_sitrep_history ORDER BY version DESC LIMIT 1)
                 DELETE FROM ${table} WHERE sitrep_id IN (
                   SELECT s.id FROM fm_sitrep s
                   WHERE NOT EXISTS (SELECT 1 FROM fm_sitrep_history h WHERE h.sitrep_id = s.id)
                     AND ((s.parent_sitrep_id IS NULL AND (SELECT sitrep_id FROM current) IS NOT NULL)
                          OR s.parent_sitrep_id != (SELECT sitrep_id FROM current)))`,
              )
              .run(),
          );
        }
        return (o as unknown as Gc).fmSitrepGcOrphans(db);
      },
    });
    const def = await mutated({ 'nexus/fm/gc.ts': childrenFirst }, 'sitrep-gc-under-read.ts', 'sitrepGcUnderRead', 'metadata-last');
    const r = await expectVerdict(def, 'metadata-last', { seeds: SEEDS || GC_SEEDS, invariant: 'loaded-sitrep-matches-inserted' });
    if (process.env.ORACLE_SEEDS) console.log('FAILING gc', r.filter((x) => x.verdict === 'fail').map((x) => x.seed).join(','));
  }, 600_000);

  it('SitrepGuardedInsert split into a guard statement and an insert statement is caught by deleted-alert-never-recreated (alert-create-race)', async () => {
    // The CTE's guards (current alert_generation, no prior marker) as one statement, the insert and
    // its marker as the next: another Nexus may create the alert, and the operator delete it, between.
    const split: Patch = (o) => ({
      fmRendezvousAlertCreate: async (db: Db, design: AlertDesign, a: AlertCreateArgs) => {
        if (design !== 'generation-marker') return (o as unknown as AlertInsert).fmRendezvousAlertCreate(db, design, a);
        const guard = await db.step('fm_rendezvous_alert_create.guard', (sql) => {
          const latest = selectCurrentVersion(sql);
          const gen = latest ? (sql.prepare('SELECT alert_generation AS g FROM fm_sitrep WHERE id = ?').get(latest.sitrep_id) as { g: number } | undefined)?.g : undefined;
          if (gen !== a.alertGeneration) return 'StaleSitrep' as const;
          return sql.prepare('SELECT 1 FROM rendezvous_alert_created WHERE alert_id = ?').get(a.req.id) ? ('AlreadyExists' as const) : undefined;
        });
        if (guard) return guard;
        return db.step('fm_rendezvous_alert_create.insert', (sql) => {
          const r = sql
            .prepare(
              `INSERT INTO alert (id, time_created, time_modified, alert_class, payload, time_dispatched, num_dispatched, case_id, alert_version)
               VALUES (?, ?, ?, ?, ?, NULL, 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
            )
            .run(a.req.id, a.now, a.now, a.req.alert_class, a.req.payload, a.caseId, a.req.alert_version);
          if (r.changes !== 1) return 'AlreadyExists' as const;
          sql.prepare('INSERT INTO rendezvous_alert_created (alert_id, created_at_generation) VALUES (?, ?) ON CONFLICT DO NOTHING').run(a.req.id, a.alertGeneration);
          return 'Created' as const;
        });
      },
    });
    const def = await mutated({ 'nexus/fm/alert-insert.ts': split }, 'alert-create-race.ts', 'alertCreateRace', 'generation-marker');
    const r = await expectVerdict(def, 'generation-marker', { seeds: SEEDS || SPLIT_SEEDS, invariant: 'deleted-alert-never-recreated' });
    if (process.env.ORACLE_SEEDS) console.log('FAILING split', r.filter((x) => x.verdict === 'fail').map((x) => x.seed).join(','));
  }, 600_000);
});
