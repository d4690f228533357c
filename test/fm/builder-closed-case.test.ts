// omicron keeps a case in the sitrep that closes it (closed_sitrep_id set) with its requests
// (nexus/fm/src/builder.rs SitrepBuilder::build, nexus/types/src/fm.rs Sitrep::alerts_requested);
// the tombstone sweep's NOT EXISTS depends on that row being there.
import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../sim/index.js';
import { buildSitrep, RESOLVED_CLASS, type Ereport } from '../../nexus/fm/builder.js';

const fault = (id: string, serial: string): Ereport => ({ id, class: 'fault', part_serial: serial, de: 'power_shelf', wants_bundle: 0 });

describe('SitrepBuilder: closed cases', () => {
  it('the closing sitrep carries the case with closed_sitrep_id and its alert request; the next drops it', () => {
    const rng = SeededRng.root(1);
    const base = { rng, creatorId: 'n0', now: '2026-01-01T00:00:00Z' };
    const v1 = buildSitrep({ ...base, parent: undefined, ereports: [fault('e1', 'shelf-0')] })!;
    expect(v1.cases).toHaveLength(1);
    const c = v1.cases[0];
    const resolved = [fault('e1', 'shelf-0'), { ...fault('e2', 'shelf-0'), class: RESOLVED_CLASS }];
    const v2 = buildSitrep({ ...base, parent: v1, ereports: resolved })!;
    expect(v2).toBeDefined();
    expect(v2.cases).toEqual([{ ...c, closed_sitrep_id: v2.metadata.id }]);
    expect(v2.alert_requests.map((r) => r.id)).toEqual(v1.alert_requests.map((r) => r.id));
    expect(v2.metadata.alert_generation).toBe(v1.metadata.alert_generation);

    const v3 = buildSitrep({ ...base, parent: v2, ereports: [...resolved, fault('e3', 'shelf-1')] })!;
    expect(v3.cases.map((x) => x.id)).not.toContain(c.id);
    expect(v3.alert_requests.some((r) => r.case_id === c.id)).toBe(false);
  });
});
