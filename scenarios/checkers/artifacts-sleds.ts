// The in-service sleds as the DB lists them right now (no latency: checkers read the DB directly),
// paired with the sled agent behind each row.
import type { SledAgent } from '../../agents/index.js';
import type { ArtifactCopies } from './artifacts-copies.js';

export interface InServiceSled {
  id: string;
  name: string;
  agent: SledAgent;
}

export function sledListInServiceSync(copies: ArtifactCopies): InServiceSled[] {
  const rows = copies.world.sql
    .prepare(`SELECT id FROM sled WHERE time_deleted IS NULL AND sled_policy != 'expunged' AND sled_state = 'active' ORDER BY id`)
    .all() as Array<{ id: string }>;
  const out: InServiceSled[] = [];
  for (const r of rows) {
    const i = copies.sleds.findIndex((s) => s.sledId === r.id);
    if (i >= 0) out.push({ id: r.id, name: `sled-${i}`, agent: copies.sleds[i] });
  }
  return out;
}
