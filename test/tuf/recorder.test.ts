// The request ring buffer as omicron keeps it: an activation's requests go in sorted (time, target
// sled, operation, error) with duplicates merged, after the older activations' entries; the oldest
// entries make room beyond MAX_REQUEST_DEBUG_BUFFER_LEN. Counters count every request.
import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_DEBUG_BUFFER_LEN, ReplicationRecorder } from '../../nexus/index.js';

const T0 = Date.UTC(2026, 0, 1);

describe('tuf replication recorder', () => {
  it('sorts and deduplicates each activation, appends it, and drops the oldest beyond the cap', () => {
    const r = new ReplicationRecorder(false);
    r.beginRun();
    r.record(T0 + 2, 'sled-b', { operation: 'list' }, undefined);
    r.record(T0 + 1, 'sled-b', { operation: 'put_config', generation: 2 }, undefined);
    r.record(T0 + 2, 'sled-a', { operation: 'copy', hash: 'h2', source_sled: 'sled-b' }, undefined);
    r.record(T0 + 2, 'sled-a', { operation: 'put', hash: 'h1' }, 'boom');
    r.record(T0 + 2, 'sled-a', { operation: 'put', hash: 'h1' }, undefined);
    r.record(T0 + 2, 'sled-a', { operation: 'put', hash: 'h1' }, undefined); // a duplicate entry
    const s = r.status(2, 0);
    expect(s.request_debug_ringbuf.map((e) => `${e.time.slice(-5)} ${e.target_sled} ${e.operation}${e.error ? ' !' : ''}`)).toEqual([
      '.001Z sled-b put_config',
      '.002Z sled-a put',
      '.002Z sled-a put !',
      '.002Z sled-a copy',
      '.002Z sled-b list',
    ]);
    expect(s.last_run_counters).toMatchObject({ put_config_ok: 1, list_ok: 1, put_ok: 2, put_err: 1, copy_ok: 1 });

    // A later activation's entries follow, whatever their sort key; the oldest fall off at the cap.
    r.beginRun();
    for (let i = 0; i < MAX_REQUEST_DEBUG_BUFFER_LEN - 2; i++) r.record(T0, `sled-${String(i).padStart(5, '0')}`, { operation: 'list' }, undefined);
    const s2 = r.status(2, 0);
    expect(s2.request_debug_ringbuf).toHaveLength(MAX_REQUEST_DEBUG_BUFFER_LEN);
    expect(s2.request_debug_ringbuf.slice(0, 3).map((e) => `${e.target_sled} ${e.operation}`)).toEqual(['sled-a copy', 'sled-b list', 'sled-00000 list']);
    expect(s2.lifetime_counters.list_ok).toBe(1 + MAX_REQUEST_DEBUG_BUFFER_LEN - 2);
  });
});
