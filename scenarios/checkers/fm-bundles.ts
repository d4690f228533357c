// deleted-bundle-never-handed-out: no support-bundle reader returns (or acts on) a bundle that is
// deleted at the instant it reads. It judges what readers returned (`fm.support_bundle.read`,
// emitted inside the reading statement with the ids in the response) against the shared DB at
// that instant (`time_deleted` set), not a flag of the code under test.
import type { Sqlite } from '../../sim/index.js';
import type { Invariant } from '../types.js';
import { cachedStatement as q } from '../../nexus/index.js';

export function deletedBundleNeverHandedOut(sql: Sqlite): Invariant {
  return {
    name: 'deleted-bundle-never-handed-out',
    kind: 'safety',
    description: 'no support-bundle reader hands out a deleted bundle',
    onEvent(ev) {
      if (ev.kind !== 'fm.support_bundle.read') return undefined;
      const { ids } = ev;
      if (ids.length === 0) return undefined;
      const gone = q(sql, 'SELECT id FROM support_bundle WHERE time_deleted IS NOT NULL AND id IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1')
        .get(JSON.stringify(ids)) as { id: string } | undefined;
      return gone ? `${ev.reader} on ${ev.node} handed out support bundle ${gone.id}, deleted` : undefined;
    },
  };
}
