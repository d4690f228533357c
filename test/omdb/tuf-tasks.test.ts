// omdb's TUF task views (print_task_tuf_artifact_replication, print_task_tuf_repo_pruner in
// dev-tools/omdb/src/bin/omdb/nexus.rs, and TufRepoPrunerStatus's Display in nexus-types
// background.rs, at b848b6df85; successes.out shows both blocks): whole blocks with the times
// fixed; then a real run's statuses, read through the lockstep API, whose details have the fields
// of omicron's status structs and print as the DB says.
import { describe, expect, it } from 'vitest';
import { NEXUS_LOCKSTEP_PORT, TUF_REPO_PRUNER_TASK_NAME, TUF_TASK_NAME, showTufArtifactReplication, showTufRepoPruner, type BackgroundTaskView } from '../../nexus/index.js';
import { completedTask } from './task-view.js';
import { uploadsThenPrune } from '../support/pruned-rack.js';
import { wireComplaint } from '../wire/openapi-oracle.js';

const NOW = Date.parse('2026-01-01T00:06:00.000Z');
const SLED_A = '11111111-0000-4000-8000-000000000001';
const SLED_B = '11111111-0000-4000-8000-000000000002';
const HASH = 'ab'.repeat(32);
const HEADER = (name: string, period: string) => [
  `task: "${name}"`,
  `  configured period: every ${period}`,
  '  currently executing: no',
  '  last completed activation: iter 7, triggered by a periodic timer firing',
  '    started at 2026-01-01T00:05:00.250Z (59s ago) and ran for 31ms',
];

const LAST = { iteration: 7, reason: 'timeout' as const, startTime: '2026-01-01T00:05:00.250Z', elapsedMs: 31 };
const completed = (name: string, periodMs: number, details: unknown) => completedTask(name, periodMs, LAST, details);

const counters = (n: number) => ({ put_config_ok: n, put_config_err: 1, list_ok: 2, list_err: 0, put_ok: 12, put_err: 0, copy_ok: 3, copy_err: 100 });

describe('omdb TUF task views', () => {
  it('tuf_artifact_replication: the ring buffer (each operation, an error), both counter blocks, local repos', () => {
    const status = {
      generation: 3,
      last_run_counters: counters(2),
      lifetime_counters: counters(40),
      request_debug_ringbuf: [
        { time: '2026-01-01T00:05:00.260Z', target_sled: SLED_A, operation: 'put_config', generation: 3 },
        { time: '2026-01-01T00:05:00.270Z', target_sled: SLED_B, operation: 'put_config', generation: 3, error: 'Error Response: status: 409 Conflict' },
        { time: '2026-01-01T00:05:00.280Z', target_sled: SLED_A, operation: 'list' },
        { time: '2026-01-01T00:05:01.000Z', target_sled: SLED_A, operation: 'put', hash: HASH },
        { time: '2026-01-01T00:05:01.500Z', target_sled: SLED_B, operation: 'copy', hash: HASH, source_sled: SLED_A },
      ],
      local_repos: 1,
    };
    expect(showTufArtifactReplication(completed('tuf_artifact_replication', 300_000, status), NOW)).toBe(
      [
        ...HEADER('tuf_artifact_replication', '5m'),
        '    request ringbuf:',
        `      - target sled: ${SLED_A}`,
        '        operation: PutConfig { generation: Generation(3) }',
        '        at: 2026-01-01T00:05:00Z',
        `      - target sled: ${SLED_B}`,
        '        operation: PutConfig { generation: Generation(3) }',
        '        at: 2026-01-01T00:05:00Z',
        '        error: Error Response: status: 409 Conflict',
        `      - target sled: ${SLED_A}`,
        '        operation: List',
        '        at: 2026-01-01T00:05:00Z',
        `      - target sled: ${SLED_A}`,
        `        operation: Put { hash: ArtifactHash("${HASH}") }`,
        '        at: 2026-01-01T00:05:01Z',
        `      - target sled: ${SLED_B}`,
        `        operation: Copy { hash: ArtifactHash("${HASH}"), source_sled: ${SLED_A} (sled) }`,
        '        at: 2026-01-01T00:05:01Z',
        '    last run:',
        '      put config ok:    2',
        '      put config err:   1',
        '      list ok:          2',
        '      list err:         0',
        '      put ok:          12',
        '      put err:          0',
        '      copy ok:          3',
        '      copy err:       100',
        '    lifetime:',
        '      put config ok:   40',
        '      put config err:   1',
        '      list ok:          2',
        '      list err:         0',
        '      put ok:          12',
        '      put err:          0',
        '      copy ok:          3',
        '      copy err:       100',
        '    local repos: 1',
        '',
      ].join('\n'),
    );
    const empty = { ...status, request_debug_ringbuf: [] };
    expect(showTufArtifactReplication(completed('tuf_artifact_replication', 300_000, empty), NOW).split('\n').slice(5, 7)).toEqual(['    request ringbuf:', '      [no entries]']);
  });

  it('tuf_repo_pruner: enabled (omicron prints nkeep_recent_releases on both lines), disabled, an error', () => {
    const repo = (n: number, t: string) => ({ id: `0000000${n}-0000-4000-8000-000000000000`, system_version: `${n}.0.0`, time_created: t });
    const status = {
      status: 'enabled',
      nkeep_recent_releases: 3,
      nkeep_recent_uploads: 2,
      repos_keep_target_release: [],
      repos_keep_recent_uploads: [repo(4, '2026-01-01T00:04:00.000Z'), repo(5, '2026-01-01T00:04:30.125Z')],
      repo_prune: repo(1, '2026-01-01T00:01:00.000Z'),
      other_repos_eligible_to_prune: [repo(2, '2026-01-01T00:02:00.500Z')],
      warnings: ['not printed'],
    };
    expect(showTufRepoPruner(completed('tuf_repo_pruner', 300_000, status), NOW)).toBe(
      [
        ...HEADER('tuf_repo_pruner', '5m'),
        '    status: enabled',
        '    configuration:',
        '        nkeep_recent_releases: 3',
        '        nkeep_recent_uploads:  3',
        '    repo pruned: 00000001-0000-4000-8000-000000000000 (1.0.0, created 2026-01-01 00:01:00 UTC)',
        "    repos kept because they're recent target releases: none",
        "    repos kept because they're recent uploads: ",
        '        00000004-0000-4000-8000-000000000000 (4.0.0, created 2026-01-01 00:04:00 UTC)',
        '        00000005-0000-4000-8000-000000000000 (5.0.0, created 2026-01-01 00:04:30.125 UTC)',
        '    other repos eligible for pruning: ',
        '        00000002-0000-4000-8000-000000000000 (2.0.0, created 2026-01-01 00:02:00.500 UTC)',
        '',
      ].join('\n'),
    );
    const tail = (d: unknown) => showTufRepoPruner(completed('tuf_repo_pruner', 300_000, d), NOW).split('\n').slice(5);
    expect(tail({ ...status, repo_prune: null, repos_keep_recent_uploads: [], other_repos_eligible_to_prune: [] }).slice(4)).toEqual([
      '    repo pruned: none',
      "    repos kept because they're recent target releases: none",
      "    repos kept because they're recent uploads: none",
      '    other repos eligible for pruning: none',
      '',
    ]);
    expect(tail({ status: 'disabled', reason: 'explicitly disabled' })).toEqual(['    status: disabled', '    reason: explicitly disabled', '']);
    expect(tail({ error: 'db down' })).toEqual(['    last completion reported error: db down', '', '']);
  });

  it('a real run: the details have omicron’s fields, pass the lockstep document and print what the DB holds', async () => {
    const { w, result } = await uploadsThenPrune({
      afterPrune: async ({ w, n }) => {
        const omdb = w.addNode('omdb', 'fd00::d');
        const views: Record<string, { status: number; body: BackgroundTaskView }> = {};
        for (const name of [TUF_TASK_NAME, TUF_REPO_PRUNER_TASK_NAME]) {
          const res = await omdb.fetch(`http://[${n.ctx.ip}]:${NEXUS_LOCKSTEP_PORT}/bgtasks/view/${name}`);
          views[name] = { status: res.status, body: (await res.json()) as BackgroundTaskView };
        }
        return { views, now: w.now };
      },
    });
    const { views, now } = result;
    for (const [name, v] of Object.entries(views)) expect(wireComplaint('nexus-lockstep', { method: 'GET', url: `/bgtasks/view/${name}`, ...v }), name).toBeUndefined();
    const details = (name: string) => (views[name].body.last as { details: { details: Record<string, unknown> } }).details.details;
    // omicron's struct fields (nexus-types background.rs), our own copy of the list.
    const rep = details(TUF_TASK_NAME);
    expect(Object.keys(rep).sort()).toEqual(['generation', 'last_run_counters', 'lifetime_counters', 'local_repos', 'request_debug_ringbuf']);
    expect(Object.keys(rep.lifetime_counters as object).sort()).toEqual(['copy_err', 'copy_ok', 'list_err', 'list_ok', 'put_config_err', 'put_config_ok', 'put_err', 'put_ok']);
    for (const r of rep.request_debug_ringbuf as Array<Record<string, unknown>>) expect(['time', 'target_sled', 'operation', 'generation', 'hash', 'source_sled', 'error']).toEqual(expect.arrayContaining(Object.keys(r)));
    const pr = details(TUF_REPO_PRUNER_TASK_NAME);
    expect(Object.keys(pr).sort()).toEqual(['nkeep_recent_releases', 'nkeep_recent_uploads', 'other_repos_eligible_to_prune', 'repo_prune', 'repos_keep_recent_uploads', 'repos_keep_target_release', 'status', 'warnings']);
    // The pruner's block, from the tuf_repo rows: 1.0.0 pruned, the newest two kept, 2.0.0 left eligible.
    const rows = w.sql.prepare('SELECT id, system_version, time_created FROM tuf_repo ORDER BY system_version').all() as Array<{ id: string; system_version: string; time_created: string }>;
    const line = (v: string) => {
      const r = rows.find((x) => x.system_version === v)!;
      return `${r.id} (${v}, created ${r.time_created.replace('T', ' ').replace(/\.000Z$|Z$/, '')} UTC)`; // chrono's Display
    };
    const kept = ['3.0.0', '4.0.0'].sort((a, b) => rows.find((x) => x.system_version === a)!.id.localeCompare(rows.find((x) => x.system_version === b)!.id));
    expect(showTufRepoPruner(views[TUF_REPO_PRUNER_TASK_NAME].body, now).split('\n').slice(5)).toEqual([
      '    status: enabled',
      '    configuration:',
      '        nkeep_recent_releases: 3',
      '        nkeep_recent_uploads:  3',
      `    repo pruned: ${line('1.0.0')}`,
      "    repos kept because they're recent target releases: none",
      "    repos kept because they're recent uploads: ",
      ...kept.map((v) => `        ${line(v)}`),
      '    other repos eligible for pruning: ',
      `        ${line('2.0.0')}`,
      '',
    ]);
    const rtext = showTufArtifactReplication(views[TUF_TASK_NAME].body, now);
    expect(rtext).not.toContain('warning: failed to interpret');
    expect(rtext).toMatch(/\n {4}local repos: \d+\n$/);
    w.close();
  });
});
