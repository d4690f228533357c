// omdb's FM views (print_task_fm_* in dev-tools/omdb/src/bin/omdb/nexus.rs and nexus/fm_config.rs
// at b848b6df85; dev-tools/omdb/tests/successes.out shows each block, with times redacted), whole
// blocks with the times fixed; then a real run's statuses, read through the lockstep API, print
// with every FM printer.
import { describe, expect, it } from 'vitest';
import {
  FM_ANALYSIS,
  FM_CONFIG_LOAD,
  FM_HISTORY_PRUNE,
  FM_RENDEZVOUS,
  FM_SITREP_GC,
  FM_SITREP_LOAD,
  FM_TASK_PRINTERS,
  NEXUS_LOCKSTEP_PORT,
  defaultFmConfigView,
  omdbFmConfigJson,
  omdbFmConfigShow,
  omdbFmConfigUpdated,
  showFmAnalysis,
  showFmConfigLoader,
  showFmRendezvous,
  showFmSitrepGc,
  showFmSitrepHistoryPruner,
  showFmSitrepLoader,
  updatedConfig,
  type BackgroundTaskView,
  type FmConfigView,
} from '../../nexus/index.js';
import { completedTask } from './task-view.js';
import { diagnose, fmPlugins, injectEreport } from '../../scenarios/fm-support.js';
import { Rack } from '../../scenarios/rack.js';
import { world } from '../support/world.js';

const NOW = Date.parse('2026-01-01T00:01:00.000Z');
const SITREP = '5b0a1d65-4200-4c00-8000-000000000001';

const LAST = { iteration: 4, reason: 'dependency' as const, startTime: '2026-01-01T00:00:30.125Z', elapsedMs: 12 };
const completed = (name: string, periodMs: number, details: unknown) => completedTask(name, periodMs, LAST, details);

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

const T0 = '2026-01-01T00:00:30.125Z';
const ended = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
const executed = { Executed: { start: T0, end: ended(3) } };
const header = (name: string, period: string) => [
  `task: "${name}"`,
  `  configured period: every ${period}`,
  '  currently executing: no',
  '  last completed activation: iter 4, triggered by a dependent task completing',
  '    started at 2026-01-01T00:00:30.125Z (29s ago) and ran for 12ms',
];

describe('omdb FM views, as successes.out prints them', () => {
  it('fm_config_loader: the default config, not reloaded', () => {
    const status = { Loaded: { config: defaultFmConfigView(), time_loaded: '2026-01-01T00:00:15.000Z', updated: false } };
    expect(showFmConfigLoader(completed('fm_config_loader', 15_000, status), NOW)).toBe(
      [
        ...header('fm_config_loader', '15s'),
        '    config last loaded at:       2026-01-01T00:00:15.000Z',
        '      loaded by this activation: false',
        '    current config:',
        '      source:                    default',
        '      analysis enabled:          true (default)',
        '      sitrep limit:              2500 (default)',
        '      history pruning threshold: 2000 (default)',
        '',
      ].join('\n'),
    );
  });

  it('fm_analysis: no changes from the current sitrep; disabled by an override', () => {
    const ran = {
      parent_sitrep_id: SITREP,
      inv_collection_id: null,
      known_classes: ['hw.insert.psu', 'hw.remove.psu'],
      outcome: { RanAnalysis: { prep_status: { warnings: [] }, analysis_status: { start_time: T0, end_time: ended(2), outcome: 'Unchanged', capacity: null } } },
      warnings: [],
    };
    expect(showFmAnalysis(completed('fm_analysis', 120_000, ran), NOW)).toBe(
      [
        ...header('fm_analysis', '2m'),
        `    parent sitrep ID:                Some(${SITREP} (sitrep))`,
        '    current inventory collection ID: None',
        '    ereport classes consumed:        (2 total)',
        '      - hw.insert.psu',
        '      - hw.remove.psu',
        '    FAULT MANAGEMENT ANALYSIS SUMMARY',
        '    =================================',
        `    no changes from the current situation report (Some(${SITREP} (sitrep)))`,
        '',
        '    started at 2026-01-01T00:00:30.125Z (29s ago) and ran for 2ms',
        '',
      ].join('\n'),
    );
    const disabled = { ...ran, outcome: { Disabled: { type: 'override', version: 2, time_modified: '2026-01-01T00:00:01.000Z', comment: 'oops' } } };
    expect(showFmAnalysis(completed('fm_analysis', 120_000, disabled), NOW).split('\n').slice(12)).toEqual([
      '    fault management analysis explicitly disabled by config!',
      '      source:                    version 2',
      '        modified at:             2026-01-01T00:00:01.000Z',
      '        comment:                ',
      '          oops',
      '',
      '',
    ]);
    expect(showFmAnalysis(completed('fm_analysis', 120_000, { ...ran, outcome: 'WaitingForConfig' }), NOW).split('\n').slice(12)).toEqual([
      '    analysis was not performed, as the fault management',
      '    configuration has not yet been loaded.',
      '(i) note: this should only happen if Nexus has just started.',
      '',
    ]);
    const committed = { ...ran, outcome: { RanAnalysis: { prep_status: { warnings: [] }, analysis_status: { start_time: T0, end_time: T0, outcome: { Committed: { sitrep_id: SITREP } }, capacity: { count: 4, limit: 5 } } } } };
    expect(showFmAnalysis(completed('fm_analysis', 120_000, committed), NOW).split('\n').slice(12)).toEqual([
      '    analyzed the situation, and committed a new sitrep!',
      `    sitrep ID: ${SITREP} (sitrep)`,
      '    note: you can view the sitrep and its reports with:',
      `      $ omdb db sitrep show ${SITREP}`,
      `      $ omdb db sitrep analysis-report ${SITREP} `,
      '',
      '    sitrep storage capacity: 80% used',
      '      limit:      5',
      '      count:      4',
      '    started at 2026-01-01T00:00:30.125Z (29s ago) and ran for 0ms',
      '',
    ]);
  });

  it('fm_sitrep_history_pruner: within limit', () => {
    const status = { Activated: { cfg: defaultFmConfigView().config, batch_size: 1000, pruned: { batches: 0, total: 0, versions: null }, outcome: { NotPruned: { count: 1 } } } };
    expect(showFmSitrepHistoryPruner(completed('fm_sitrep_history_pruner', 600_000, status), NOW).split('\n').slice(2)).toEqual([
      '  currently executing: no',
      '  last completed activation: iter 4, triggered by a dependent task completing',
      '    started at 2026-01-01T00:00:30.125Z (29s ago) and ran for 12ms',
      '    configuration:',
      '      analysis enabled:          true (default)',
      '      sitrep limit:              2500 (default)',
      '      history pruning threshold: 2000 (default)',
      '    deletion batch size: 1000',
      '    status: within limit (nothing was deleted)',
      '      current count:        1',
      '',
    ]);
    const pruned = { Activated: { ...status.Activated, pruned: { batches: 1, total: 3, versions: { start: 1, end: 3 } }, outcome: { Pruned: { count: 2 } } } };
    expect(showFmSitrepHistoryPruner(completed('fm_sitrep_history_pruner', 600_000, pruned), NOW).split('\n').slice(10)).toEqual([
      '    status: limit reached (old sitreps were deleted)',
      '      current count:        2',
      '      sitreps pruned:       3',
      '      versions pruned:   v1..=3',
      '      batches:              1',
      '',
    ]);
  });

  it('fm_rendezvous: every op executed, nothing requested', () => {
    const creation = { stale_sitrep: false, errors: [] };
    const status = {
      sitrep_id: SITREP,
      alerts: { result: executed, details: { total_alerts_requested: 0, current_sitrep_alerts_requested: 0, alerts_created: 0, alerts_already_existed: 0, ...creation } },
      support_bundles: { result: executed, details: { total_bundles_requested: 0, current_sitrep_bundles_requested: 0, bundles_created: 0, bundles_already_existed: 0, ...creation } },
      ereport_marking: { result: executed, details: { batch_size: 1000, batches: 0, total_ereports_in_sitrep: 0, ereports_not_marked_in_sitrep: 0, ereports_marked_seen: 0, errors: [] } },
      alert_marker_gc: { result: executed, details: { rows_deleted: 0, batches: 1, errors: [] } },
      support_bundle_marker_gc: { result: executed, details: { rows_deleted: 0, batches: 1, errors: [] } },
    };
    const ran = '      started at 2026-01-01T00:00:30.125Z (29s ago) and ran for 3ms';
    expect(showFmRendezvous(completed('fm_rendezvous', 300_000, status), NOW)).toBe(
      [
        ...header('fm_rendezvous', '5m'),
        `    current sitrep: ${SITREP}`,
        '    creating requested alerts:',
        ran,
        '      alerts requested:                0',
        '        requested in this sitrep:      0',
        '        created in this activation:    0',
        '        already existed:               0',
        '        errors:                        0',
        '    creating requested support bundles:',
        ran,
        '      support bundles requested:       0',
        '        requested in this sitrep:      0',
        '        created in this activation:    0',
        '        already existed:               0',
        '        errors:                        0',
        '    marking ereports as seen:',
        ran,
        '      total ereports in sitrep:                 0',
        '      not marked when the sitrep was loaded:    0',
        '        marked seen by this activation:         0',
        '        already marked seen:                    0',
        '      batch size:                            1000',
        '      batches:                                  0',
        '      errors:                                   0',
        '    garbage collecting alert creation markers:',
        ran,
        '      rows deleted:    0',
        '      batches:         1',
        '      errors:          0',
        '    garbage collecting support bundle creation markers:',
        ran,
        '      rows deleted:    0',
        '      batches:         1',
        '      errors:          0',
        '',
      ].join('\n'),
    );
  });

  it('omdb nexus fm-config: show current, set, current again, show v1', () => {
    const dflt = defaultFmConfigView();
    expect(omdbFmConfigShow({ kind: 'current' }, dflt)).toBe(
      ['current fault management configuration:', '  source:                    default', '  analysis enabled:          true (default)', '  sitrep limit:              2500 (default)', '  history pruning threshold: 2000 (default)', '', ''].join('\n'),
    );
    const comment = 'I am altering the config. Pray I do not alter it further.';
    const next = updatedConfig(dflt, { sitrep_limit: { source: 'override', value: 3000 } })!;
    expect(next.version).toBe(1);
    expect(omdbFmConfigUpdated(next.version, next.config)).toBe(
      ['fault management config updated to version 1:', '  analysis enabled:          true (default)', '  sitrep limit:              3000 (overriden)', '  history pruning threshold: 2000 (default)', '', ''].join('\n'),
    );
    const v1: FmConfigView = { config: next.config, source: { type: 'override', version: 1, time_modified: '2026-01-01T00:00:01.500Z', comment } };
    const shown = ['  source:                    version 1', '    modified at:             2026-01-01T00:00:01.500Z', '    comment:                ', `      ${comment}`, '  analysis enabled:          true (default)', '  sitrep limit:              3000 (overriden)', '  history pruning threshold: 2000 (default)', '', ''];
    expect(omdbFmConfigShow({ kind: 'current' }, v1)).toBe(['current fault management configuration:', ...shown].join('\n'));
    expect(omdbFmConfigShow({ kind: 'version', version: 1 }, v1)).toBe(['fault management configuration v1:', ...shown].join('\n'));
    // A multi-line comment goes through Rust's `str::lines()`: CRLF ends a line as LF does, and a
    // final newline makes no extra (indented, empty) line.
    const multi: FmConfigView = { ...v1, source: { ...v1.source, comment: 'first line\r\nsecond line\n' } as FmConfigView['source'] };
    expect(omdbFmConfigShow({ kind: 'current' }, multi)).toBe(['current fault management configuration:', ...shown.slice(0, 3), '      first line', '      second line', ...shown.slice(4)].join('\n'));
    // --json: serde's pretty JSON in the structs' field order, whatever order the API sent.
    const reordered = { source: v1.source, config: { history_pruning_threshold: v1.config.history_pruning_threshold, sitrep_limit: v1.config.sitrep_limit, analysis_enabled: v1.config.analysis_enabled } };
    expect(omdbFmConfigJson(reordered as FmConfigView)).toBe(
      `{\n  "config": {\n    "analysis_enabled": {\n      "source": "default"\n    },\n    "sitrep_limit": {\n      "source": "override",\n      "value": 3000\n    },\n    "history_pruning_threshold": {\n      "source": "default"\n    }\n  },\n  "source": {\n    "type": "override",\n    "version": 1,\n    "time_modified": "2026-01-01T00:00:01.500Z",\n    "comment": "${comment}"\n  }\n}`,
    );
    // Setting what is already set makes no new version.
    expect(updatedConfig(v1, { sitrep_limit: { source: 'override', value: 3000 } })).toBeUndefined();
    expect(updatedConfig(v1, { analysis_enabled: { source: 'override', value: false } })?.version).toBe(2);
  });

  it('prints every FM task a real run serves, with its own printer', async () => {
    const w = world({ keepTrace: false });
    let out: { views: BackgroundTaskView[]; now: number } | { error: unknown } | undefined;
    const body = async () => {
      const rack = await Rack.build(w, { sleds: 0, nexus: 1, register: false, plugins: fmPlugins('metadata-last', 'generation-marker') });
      const n = rack.nexus[0];
      injectEreport(w, w.rng.fork('ids'), { serial: 'disk-0' });
      await diagnose(w, n, 0);
      for (const t of [FM_RENDEZVOUS, FM_HISTORY_PRUNE]) n.process.tasks.activate(t);
      await w.sched.sleep(1_000);
      const client = w.addNode('operator', 'fd00:1122:3344:1::99');
      const view = async (name: string) => (await (await client.fetch(`http://[${n.ctx.ip}]:${NEXUS_LOCKSTEP_PORT}/bgtasks/view/${name}`)).json()) as BackgroundTaskView;
      const views = [];
      for (const name of [FM_CONFIG_LOAD, FM_ANALYSIS, FM_RENDEZVOUS, FM_HISTORY_PRUNE]) views.push(await view(name));
      out = { views, now: w.now };
    };
    body().catch((e) => (out = { error: e }));
    await w.sched.run({ untilMs: w.now + 3_600_000, stop: () => out !== undefined });
    if (!out || 'error' in out) throw (out as { error: unknown } | undefined)?.error ?? new Error('did not settle');
    const [config, analysis, rendezvous, pruner] = out.views.map((v) => FM_TASK_PRINTERS[v.name](v, (out as { now: number }).now));
    expect(config).toMatch(/\n    current config:\n      source:                    default\n      analysis enabled:          true \(default\)\n/);
    expect(analysis).toMatch(/\n    parent sitrep ID:                Some\([0-9a-f-]{36} \(sitrep\)\)\n    current inventory collection ID: None\n    ereport classes consumed:        \(2 total\)\n      - hw.fault\n      - resolved\n    FAULT MANAGEMENT ANALYSIS SUMMARY\n/);
    expect(rendezvous).toMatch(/\n    current sitrep: [0-9a-f-]{36}\n    creating requested alerts:\n      started at .*\n      alerts requested: +1\n/);
    expect(rendezvous).toMatch(/\n    marking ereports as seen:\n      started at .*\n      total ereports in sitrep: +1\n/);
    expect(pruner).toMatch(/\n    configuration:\n      analysis enabled: +true \(default\)\n[^]*\n    status: within limit \(nothing was deleted\)\n      current count: +1\n$/);
  });
});
