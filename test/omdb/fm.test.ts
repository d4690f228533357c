// omdb's FM task views (print_task_fm_sitrep_loader, print_task_fm_sitrep_gc in
// dev-tools/omdb/src/bin/omdb/nexus.rs at b848b6df85; successes.out shows the loader's block),
// whole blocks with the times fixed; then a real run's statuses, read through the lockstep API,
// print without omdb's "failed to interpret task details" fallback.
import { describe, expect, it } from 'vitest';
import { FM_SITREP_GC, FM_SITREP_LOAD, NEXUS_LOCKSTEP_PORT, showFmSitrepGc, showFmSitrepLoader, type BackgroundTaskView } from '../../nexus/index.js';
import { wireDuration } from '../../nexus/bgtask/index.js';
import { diagnose, fmPlugins, injectEreport } from '../../scenarios/fm-support.js';
import { Rack } from '../../scenarios/rack.js';
import { world } from '../support/world.js';

const NOW = Date.parse('2026-01-01T00:01:00.000Z');
const SITREP = '5b0a1d65-4200-4c00-8000-000000000001';

function completed(name: string, periodMs: number, details: unknown): BackgroundTaskView {
  return {
    name,
    description: '',
    period: wireDuration(periodMs),
    current: { current_status: 'idle' },
    last: { last_result: 'completed', details: { iteration: 4, reason: 'dependency', start_time: '2026-01-01T00:00:30.125Z', elapsed: wireDuration(12), details } },
  };
}

describe('omdb FM task views', () => {
  it('fm_sitrep_loader: loaded, none, error', () => {
    const loaded = { Loaded: { version: { id: SITREP, version: 3, time_made_current: '2026-01-01T00:00:29.500Z' }, time_loaded: '2026-01-01T00:00:30.125Z' } };
    expect(showFmSitrepLoader(completed('fm_sitrep_loader', 15_000, loaded), NOW)).toBe(
      [
        'task: "fm_sitrep_loader"',
        '  configured period: every 15s',
        '  currently executing: no',
        '  last completed activation: iter 4, triggered by a dependent task completing',
        '    started at 2026-01-01T00:00:30.125Z (29s ago) and ran for 12ms',
        '    loaded latest FM situation report as of 2026-01-01T00:00:30.125Z:',
        `        sitrep ${SITREP} (sitrep) (v3)`,
        '        made current at: 2026-01-01T00:00:29.500Z',
        '',
      ].join('\n'),
    );
    expect(showFmSitrepLoader(completed('fm_sitrep_loader', 15_000, 'NoSitrep'), NOW).split('\n').slice(5)).toEqual(['    no FM situation report available to load', '']);
    expect(showFmSitrepLoader(completed('fm_sitrep_loader', 15_000, { Error: 'db down' }), NOW).split('\n').slice(5)).toEqual(['    task did not complete successfully: db down', '']);
  });

  it('fm_sitrep_gc: errors first, then counts padded to 40 and right-aligned in 4', () => {
    const status = { orphaned_sitreps_deleted: 2, sitrep_metadata_batches: 1, batch_size: 1000, child_tables: { fm_case: { rows_deleted: 5, batches: 1 }, fm_alert_request: { rows_deleted: 0, batches: 1 } }, errors: ['oops'] };
    expect(showFmSitrepGc(completed('fm_sitrep_gc', 60_000, status), NOW).split('\n').slice(5)).toEqual([
      '/!\\ errors:                                    1',
      '    > oops',
      '    batch size:                             1000',
      '    orphaned sitreps deleted:                  2',
      '      batches:                                 1',
      '    orphaned fm_alert_request rows deleted:    0',
      '      batches:                                 1',
      '    orphaned fm_case rows deleted:             5',
      '      batches:                                 1',
      '',
    ]);
  });

  it('prints the statuses a real run serves', async () => {
    const w = world({ keepTrace: false });
    let out: { load: BackgroundTaskView; gc: BackgroundTaskView; now: number } | { error: unknown } | undefined;
    const body = async () => {
      const rack = await Rack.build(w, { sleds: 0, nexus: 1, register: false, plugins: fmPlugins('metadata-last', 'generation-marker') });
      const n = rack.nexus[0];
      injectEreport(w, w.rng.fork('ids'), { serial: 'disk-0' });
      await diagnose(w, n, 0);
      n.process.tasks.activate(FM_SITREP_LOAD);
      n.process.tasks.activate(FM_SITREP_GC);
      await w.sched.sleep(1_000);
      const client = w.addNode('operator', 'fd00:1122:3344:1::99');
      const view = async (name: string) => (await (await client.fetch(`http://[${n.ctx.ip}]:${NEXUS_LOCKSTEP_PORT}/bgtasks/view/${name}`)).json()) as BackgroundTaskView;
      out = { load: await view(FM_SITREP_LOAD), gc: await view(FM_SITREP_GC), now: w.now };
    };
    body().catch((e) => (out = { error: e }));
    await w.sched.run({ untilMs: w.now + 3_600_000, stop: () => out !== undefined });
    if (!out || 'error' in out) throw (out as { error: unknown } | undefined)?.error ?? new Error('did not settle');
    const load = showFmSitrepLoader(out.load, out.now);
    expect(load).toMatch(/^task: "fm_sitrep_loader"\n  configured period: every 15s\n/);
    expect(load).toMatch(/\n    loaded latest FM situation report as of \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z:\n        sitrep [0-9a-f-]{36} \(sitrep\) \(v1\)\n        made current at: /);
    expect(showFmSitrepGc(out.gc, out.now)).toMatch(/\n    batch size: +\d+\n    orphaned sitreps deleted: +\d+\n/);
  });
});
