// The three sitrep read designs. `naive` reads metadata first, then each child table, each its
// own statement: a delete landing between them yields a torn sitrep. `metadata-last` is omicron
// today (PR #9627, `fm_sitrep_read_on_conn`): children first, metadata last, and a missing
// metadata row means NotFound, never a torn sitrep. `transaction` reads everything in one atomic
// step. A NotFound is the loader's task error (tasks/sitrep-load.ts): omicron's loader calls
// `fm_sitrep_read`, not the retrying `fm_sitrep_read_current`.
import type { Db } from '../../sim/index.js';
import { selectAlertRequests, selectBundleRequests, selectCases, selectCurrentVersion, selectMetadata } from './rows.js';
import type { LoadedSitrep, ReadDesign, Sitrep, SitrepVersion } from './types.js';

export class SitrepNotFound extends Error {
  constructor(readonly sitrepId: string) {
    super(`sitrep ${sitrepId} not found`);
  }
}

export async function fmCurrentSitrepVersion(db: Db): Promise<SitrepVersion | undefined> {
  return db.step('fm_current_sitrep_version', (sql) => selectCurrentVersion(sql));
}

export async function fmSitrepRead(db: Db, design: ReadDesign, id: string): Promise<Sitrep> {
  switch (design) {
    case 'naive': {
      const metadata = await db.step('fm_sitrep_read.metadata', (sql) => selectMetadata(sql, id));
      if (!metadata) throw new SitrepNotFound(id);
      const cases = await db.step('fm_sitrep_read.fm_case', (sql) => selectCases(sql, id));
      const alert_requests = await db.step('fm_sitrep_read.fm_alert_request', (sql) => selectAlertRequests(sql, id));
      const support_bundle_requests = await db.step('fm_sitrep_read.fm_support_bundle_request', (sql) => selectBundleRequests(sql, id));
      return { metadata, cases, alert_requests, support_bundle_requests };
    }
    case 'metadata-last': {
      const cases = await db.step('fm_sitrep_read.fm_case', (sql) => selectCases(sql, id));
      const alert_requests = await db.step('fm_sitrep_read.fm_alert_request', (sql) => selectAlertRequests(sql, id));
      const support_bundle_requests = await db.step('fm_sitrep_read.fm_support_bundle_request', (sql) => selectBundleRequests(sql, id));
      // Deletion removes metadata first, so metadata still present here means no child row was
      // deleted before we read it.
      const metadata = await db.step('fm_sitrep_read.metadata', (sql) => selectMetadata(sql, id));
      if (!metadata) throw new SitrepNotFound(id);
      return { metadata, cases, alert_requests, support_bundle_requests };
    }
    case 'transaction':
      return db.tx('fm_sitrep_read.tx', (sql) => {
        const metadata = selectMetadata(sql, id);
        if (!metadata) throw new SitrepNotFound(id);
        return { metadata, cases: selectCases(sql, id), alert_requests: selectAlertRequests(sql, id), support_bundle_requests: selectBundleRequests(sql, id) };
      });
  }
}

/** The transaction design's current-sitrep read: the version and the whole sitrep in one atomic
 * step; undefined when the history is empty. */
export async function fmSitrepReadCurrentTx(db: Db): Promise<LoadedSitrep | undefined> {
  return db.tx('fm_sitrep_read_current.tx', (sql) => {
    const version = selectCurrentVersion(sql);
    if (!version) return undefined;
    const id = version.sitrep_id;
    const metadata = selectMetadata(sql, id);
    if (!metadata) throw new SitrepNotFound(id);
    return { version, sitrep: { metadata, cases: selectCases(sql, id), alert_requests: selectAlertRequests(sql, id), support_bundle_requests: selectBundleRequests(sql, id) } };
  });
}
