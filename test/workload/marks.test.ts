// Coverage marks come from trace events alone: a 409 counts only as the answer to an
// artifacts-config PUT, a rendezvous pass with a refused stale insert or an error counts, a crash
// is a Nexus's or a sled's by which node started as a Nexus.
import { describe, expect, it } from 'vitest';
import { formatMarks, MarkCollector, MARKS } from '../../scenarios/marks.js';
import type { TraceEvent, TraceEventMap, TraceKind } from '../../sim/index.js';

const ev = <K extends TraceKind>(node: string, kind: K, data?: Partial<TraceEventMap[K]>): TraceEvent => ({ t: 0, node, kind, ...data }) as TraceEvent;

describe('coverage marks', () => {
  it('detects each state from its trace events only', () => {
    const m = new MarkCollector();
    m.observe(ev('nexus-0', 'nexus.started'));
    m.observe(ev('nexus-0', 'http.sent', { req: 1, method: 'PUT', url: 'http://[fd00::1]:12345/artifacts-config' }));
    m.observe(ev('nexus-0', 'http.sent', { req: 2, method: 'GET', url: 'http://[fd00::1]:12345/artifacts' }));
    m.observe(ev('nexus-0', 'http.response', { req: 2, status: 409 }));
    expect(m.reached()).toEqual([]);
    m.observe(ev('nexus-0', 'http.response', { req: 1, status: 409 }));
    m.observe(ev('nexus-1', 'fm.rendezvous.done', { stale_sitrep: true, errors: 0 }));
    m.observe(ev('nexus-1', 'fm.tombstone.swept', { ids: [] }));
    m.observe(ev('nexus-0', 'fault.crash'));
    m.observe(ev('sled-3', 'fault.crash'));
    m.observe(ev('sled-3', 'artifact.removed', { why: 'disk-lost' }));
    expect(m.reached()).toEqual(['tuf.409-config-generation', 'fm.stale-insert-refused', 'faults.nexus-crash', 'faults.sled-crash']);
  });

  it('a sweep names the marks no seed reached', () => {
    const text = formatMarks([['fm.loader-not-found'], ['fm.loader-not-found', 'tuf.repo-pruned']]);
    expect(text).toContain('fm.loader-not-found');
    expect(text).toMatch(/tuf\.repo-pruned\s+1 \/ 2/);
    const never = text.split('\n').pop()!;
    expect(never).toMatch(/^marks no seed reached: /);
    expect(never).not.toContain('fm.loader-not-found');
    expect(never.split(', ').length).toBe(MARKS.length - 2);
  });
});
