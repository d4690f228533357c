// Variants of rack-workload are design sets: omicron-today takes every default; each other variant
// flips exactly one choice (except the bundle readers, which only matter on tombstoned bundles:
// that variant is PR #10368 as written, i.e. `tombstone` plus unfiltered readers).
import type { AlertDesign, ReadDesign, ReaderFilter, ReassignRule, ReplicationDesign, UploadOrder } from '../../nexus/index.js';

export interface Design {
  /** tuf_artifact_replication: generations (omicron, #7129 follow-ups) or v1's DELETE pass. */
  replication: ReplicationDesign;
  /** updates_put_repository: insert the repo, then hand it to the task (omicron). */
  uploadOrder: UploadOrder;
  /** The column default a schema migration gives existing sled rows' repo_depot_port. */
  repoDepotPortDefault: 'port' | 'zero';
  /** Saga reassignment from expunged Nexus zones (omicron: ready for cleanup only). */
  reassignment: ReassignRule;
  /** The sitrep loader's read (omicron: metadata last, PR #9627). */
  readDesign: ReadDesign;
  /** Alert/bundle creation guard (omicron: SitrepGuardedInsert + markers). */
  alertDesign: AlertDesign;
  /** Support-bundle readers skip tombstones (only differs under `tombstone`). */
  readerFilter: ReaderFilter;
}

export const OMICRON_TODAY: Design = {
  replication: 'generation',
  uploadOrder: 'insert-then-send',
  repoDepotPortDefault: 'port',
  reassignment: 'ready-for-cleanup',
  readDesign: 'metadata-last',
  alertDesign: 'generation-marker',
  readerFilter: 'filtered',
};

/** Each variant, as the one choice it changes; the invariant whose race it is. */
export const DESIGN_VARIANTS: Record<string, { flip: Partial<Design>; caughtBy: string[] }> = {
  'omicron-today': { flip: {}, caughtBy: [] },
  'v1-delete': { flip: { replication: 'v1-delete' }, caughtBy: ['never-backwards'] },
  'send-before-insert': { flip: { uploadOrder: 'send-before-insert' }, caughtBy: ['no-total-loss'] },
  'default-zero': { flip: { repoDepotPortDefault: 'zero' }, caughtBy: ['replicas-converge'] },
  'any-expunged': { flip: { reassignment: 'any-expunged' }, caughtBy: ['action-in-one-sec', 'log-written-by-current-sec'] },
  'naive-sitrep-read': { flip: { readDesign: 'naive' }, caughtBy: ['loaded-sitrep-matches-inserted'] },
  'naive-alert-insert': { flip: { alertDesign: 'naive' }, caughtBy: ['deleted-alert-never-recreated'] },
  tombstone: { flip: { alertDesign: 'tombstone' }, caughtBy: ['markers-bounded-after-heal', 'deleted-alert-never-recreated'] },
  'tombstone-unfiltered-readers': { flip: { alertDesign: 'tombstone', readerFilter: 'unfiltered' }, caughtBy: ['deleted-bundle-never-handed-out'] },
};

export function designOf(variant: string): Design {
  const v = DESIGN_VARIANTS[variant];
  if (!v) throw new Error(`unknown rack-workload variant ${variant}`);
  return { ...OMICRON_TODAY, ...v.flip };
}
