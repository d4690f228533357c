// The operator's and the collector's support-bundle operations, as the workload runs them: the
// readers PR #10368's review listed (list, comment, the collector's own list, the state update,
// fail-expunged) and the delete (destroying, then the row's delete: a tombstone under `tombstone`).
import {
  iso,
  supportBundleDelete,
  supportBundleFailExpunged,
  supportBundleList,
  supportBundleListAssignedToNexus,
  supportBundleUpdate,
  supportBundleUpdateUserComment,
  type Nexus,
} from '../../nexus/index.js';
import type { Sqlite, TraceFn } from '../../sim/index.js';
import type { Design } from './designs.js';
import type { Op } from './ops.js';

/** Runs one bundle op on `n`; a string return says why it was skipped. */
export async function bundleOp(n: Nexus, op: Extract<Op, { kind: 'bundle-op' }>, design: Design, sql: Sqlite, expungedIds: string[]): Promise<string | undefined> {
  const p = n.process;
  const emit: TraceFn = (kind, data) => p.trace(kind, data);
  const rows = sql.prepare('SELECT id FROM support_bundle ORDER BY id').all() as { id: string }[];
  const id = rows.length > 0 ? rows[op.bundle % rows.length].id : undefined;
  switch (op.op) {
    case 'list':
      await supportBundleList(p.db, design.readerFilter, emit);
      return undefined;
    case 'comment':
      if (!id) return 'no bundle';
      await supportBundleUpdateUserComment(p.db, design.readerFilter, id, 'looked at this', emit);
      return undefined;
    case 'destroy': {
      // The operator's delete: mark destroying, then (the collector's job in omicron) delete.
      if (!id) return 'no bundle';
      const r = await supportBundleUpdate(p.db, design.readerFilter, id, 'destroying', emit);
      if (r.kind !== 'Updated') return `destroying: ${r.kind}`;
      await supportBundleDelete(p.db, design.alertDesign, id, iso(p.clock.now()), emit);
      return undefined;
    }
    case 'collect': {
      const mine = await supportBundleListAssignedToNexus(p.db, design.readerFilter, n.id, ['collecting'], emit);
      for (const b of mine) await supportBundleUpdate(p.db, design.readerFilter, b.id, 'active', emit);
      return undefined;
    }
    case 'fail-expunged':
      if (expungedIds.length === 0) return 'nothing expunged';
      await supportBundleFailExpunged(p.db, design.readerFilter, n.id, expungedIds, emit);
      return undefined;
  }
}
