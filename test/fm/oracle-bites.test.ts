// The oracle bites: realistic one-line changes to the FM mechanisms, applied by wrapping or
// replacing a mechanism module's export (test/support/mutant.ts), never by touching a checker,
// are each caught by the invariant of their own race. Measured over seeds 1-30: metadata before
// bundle requests fails 7/30 from seed 8. ORACLE_SEEDS=N re-measures. (GC deleting children before
// metadata is no longer caught since the builder keeps closed cases: 0/100; see the README.)
import { describe, it } from 'vitest';
import { selectAlertRequests, selectBundleRequests, selectCases, selectMetadata } from '../../nexus/fm/rows.js';
import type { ReadDesign, Sitrep } from '../../nexus/fm/types.js';
import type { Db } from '../../sim/index.js';
import type { ScenarioDef } from '../../scenarios/types.js';
import { loadMutant, type Patch } from '../support/mutant.js';
import { expectVerdict } from '../support/verdicts.js';

const SEEDS = Number(process.env.ORACLE_SEEDS ?? 0);

async function mutated(modules: Record<string, Patch>, file: string, name: string, variant: string): Promise<ScenarioDef> {
  const def = (await loadMutant<Record<string, ScenarioDef>>(modules, `scenarios/${file}`))[name];
  return { ...def, expected: { ...def.expected, [variant]: 'caught' } };
}

type Read = typeof import('../../nexus/fm/read.js');

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

});
