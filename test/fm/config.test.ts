// The FM config (omicron nexus/types/src/fm/config.rs, datastore/fm_config.rs,
// tasks/fm_config_load.rs at b848b6df85) through the lockstep API of a simulated Nexus: the default
// when no override exists, the versioned insert (exactly one above the latest), validation, and
// fm_config_loader publishing a new override to fm_analysis, which stops when it is disabled.
import { describe, expect, it } from 'vitest';
import { FM_ANALYSIS, FM_CONFIG_LOAD, NEXUS_LOCKSTEP_PORT, type FmAnalysisStatus, type FmConfigLoadStatus } from '../../nexus/index.js';
import { fmPlugins, injectEreport } from '../../scenarios/fm-support.js';
import { Rack } from '../../scenarios/rack.js';
import type { World } from '../../sim/index.js';
import { world } from '../support/world.js';
import { wireComplaint } from '../wire/openapi-oracle.js';

const overrides = (o: { analysis_enabled?: boolean; sitrep_limit?: number; history_pruning_threshold?: number }) => ({
  analysis_enabled: o.analysis_enabled === undefined ? { source: 'default' } : { source: 'override', value: o.analysis_enabled },
  sitrep_limit: o.sitrep_limit === undefined ? { source: 'default' } : { source: 'override', value: o.sitrep_limit },
  history_pruning_threshold: o.history_pruning_threshold === undefined ? { source: 'default' } : { source: 'override', value: o.history_pruning_threshold },
});

/** Runs `body` against a one-Nexus FM rack on virtual time, with an HTTP client to its lockstep API. */
async function onRack<T>(body: (ctx: { w: World; rack: Rack; call: (method: string, path: string, json?: unknown) => Promise<{ status: number; body: any }>; tasks: Rack['nexus'][number]['process']['tasks'] }) => Promise<T>): Promise<T> {
  const w = world({ keepTrace: false });
  let out: { ok: T } | { error: unknown } | undefined;
  const run = async () => {
    const rack = await Rack.build(w, { sleds: 0, nexus: 1, register: false, plugins: fmPlugins('metadata-last', 'generation-marker') });
    const n = rack.nexus[0];
    const client = w.addNode('operator', 'fd00:1122:3344:1::99');
    const call = async (method: string, path: string, json?: unknown) => {
      const res = await client.fetch(`http://[${n.ctx.ip}]:${NEXUS_LOCKSTEP_PORT}${path}`, { method, ...(json === undefined ? {} : { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } }) });
      const text = await res.text();
      const out = { status: res.status, body: text ? JSON.parse(text) : null };
      // Every answer held to omicron's nexus-lockstep document, not to our route schemas.
      expect(wireComplaint('nexus-lockstep', { method, url: path, status: out.status, body: out.body })).toBeUndefined();
      return out;
    };
    return body({ w, rack, call, tasks: n.process.tasks });
  };
  run().then((ok) => (out = { ok }), (error) => (out = { error }));
  await w.sched.run({ untilMs: w.now + 3_600_000, stop: () => out !== undefined });
  if (!out) throw new Error('did not settle');
  if ('error' in out) throw out.error;
  return out.ok;
}

describe('FM config', () => {
  it('serves the default, inserts only the next version, validates, and reads versions back', async () => {
    await onRack(async ({ call }) => {
      const dflt = await call('GET', '/fm/config');
      expect(dflt).toEqual({ status: 200, body: { config: overrides({}), source: { type: 'default' } } });

      // No override yet: the first must be version 1, and a gap is refused, not filled.
      const skip = await call('POST', '/fm/config', { version: 2, comment: 'first override', config: overrides({ sitrep_limit: 5, history_pruning_threshold: 4 }) });
      expect(skip.status).toBe(400);
      expect(skip.body).toMatchObject({ error_code: 'InvalidValue', message: 'unsupported value for "version": 2 is not the most recent' });
      expect((await call('POST', '/fm/config', { version: 1, comment: 'first override', config: overrides({ sitrep_limit: 5, history_pruning_threshold: 4 }) })).status).toBe(204);
      // The same version again: it is no longer the next one.
      expect((await call('POST', '/fm/config', { version: 1, comment: 'again', config: overrides({}) })).body.message).toBe('unsupported value for "version": 1 is not the most recent');

      const v1 = await call('GET', '/fm/config');
      expect(v1.body).toEqual({ config: overrides({ sitrep_limit: 5, history_pruning_threshold: 4 }), source: { type: 'override', version: 1, time_modified: expect.any(String), comment: 'first override' } });

      // FmConfig::validate and FmConfigParam::validate, in omicron's words.
      const bad = async (config: object, comment = 'x') => (await call('POST', '/fm/config', { version: 2, comment, config })).body.message;
      expect(await bad(overrides({ sitrep_limit: 100, history_pruning_threshold: 100 }))).toBe(
        'unsupported value for "history_pruning_threshold": sitrep history pruning threshold (100)  must be less than the total sitrep limit (100)',
      );
      expect(await bad(overrides({ sitrep_limit: 2 }))).toBe('unsupported value for "sitrep_limit": sitrep_limit must be at least 5 (got 2)');
      expect(await bad(overrides({ history_pruning_threshold: 1 }))).toBe('unsupported value for "history_pruning_threshold": history_pruning_threshold must be at least 2 (got 1)');
      expect(await bad(overrides({ sitrep_limit: 5001 }))).toBe('unsupported value for "sitrep_limit": sitrep_limit must be less than or equal to 5000 (got 5001)');
      expect(await bad(overrides({}), ' ')).toMatch(/^unsupported value for "comment": when overriding the fault management configuration, please provide a non-empty/);
      // A NonZeroU32 of 0 does not deserialize: the schema refuses it.
      expect((await call('POST', '/fm/config', { version: 0, comment: 'x', config: overrides({}) })).status).toBe(400);

      expect((await call('POST', '/fm/config', { version: 2, comment: 'second override', config: overrides({ analysis_enabled: false, sitrep_limit: 500, history_pruning_threshold: 400 }) })).status).toBe(204);
      const byVersion = await call('GET', '/fm/config/versions/1');
      expect(byVersion.body).toEqual(v1.body);
      expect((await call('GET', '/fm/config')).body.source.version).toBe(2);
      const missing = await call('GET', '/fm/config/versions/9');
      expect(missing).toMatchObject({ status: 404, body: { error_code: 'Not Found', message: 'no fault management config override version v9 exists' } });
      expect((await call('GET', '/fm/config/versions/0')).body.message).toBe('unsupported value for "version": FM config override versions must be greater than  zero');
    });
  });

  it('fm_config_loader publishes an override, and fm_analysis stops when it disables analysis', async () => {
    const r = await onRack(async ({ w, call, tasks }) => {
      await w.sched.sleep(1_000);
      const first = tasks.lastDetails<FmConfigLoadStatus>(FM_CONFIG_LOAD);
      expect(first).toEqual({ Loaded: { config: { config: overrides({}), source: { type: 'default' } }, time_loaded: expect.any(String), updated: true } });
      expect((await call('POST', '/fm/config', { version: 1, comment: 'break glass', config: overrides({ analysis_enabled: false }) })).status).toBe(204);
      // Within one loader period (15 s) the override is loaded, and fm_analysis sees it at once.
      await w.sched.sleep(15_500);
      const loaded = tasks.lastDetails<FmConfigLoadStatus>(FM_CONFIG_LOAD);
      const count = () => (w.sql.prepare('SELECT COUNT(*) AS n FROM fm_sitrep').get() as { n: number }).n;
      const before = count();
      injectEreport(w, w.rng.fork('ids'), { serial: 'disk-0' });
      tasks.activate(FM_ANALYSIS);
      await w.sched.sleep(1_000);
      return { loaded, analysis: tasks.lastDetails<FmAnalysisStatus>(FM_ANALYSIS), newSitreps: count() - before };
    });
    expect(r.loaded).toMatchObject({ Loaded: { updated: true, config: { source: { type: 'override', version: 1, comment: 'break glass' } } } });
    expect(r.analysis?.outcome).toEqual({ Disabled: { type: 'override', version: 1, time_modified: expect.any(String), comment: 'break glass' } });
    expect(r.newSitreps).toBe(0);
  });

  it('fm_config_loader keeps the loaded config, or falls back to the default, when the latest row does not convert', async () => {
    // The CHECKs make a 0 unwritable through the API, so write the row with them bypassed: the
    // loader's own conversion is what must refuse it, in `Error`'s Display (InvalidValue).
    const invalid = 'Invalid Value: sitrep_limit, the fm_config row has sitrep_limit 0, which should have violated a CHECK constraint!';
    const r = await onRack(async ({ w, rack, call, tasks }) => {
      expect((await call('POST', '/fm/config', { version: 1, comment: 'good', config: overrides({ sitrep_limit: 3000 }) })).status).toBe(204);
      await w.sched.sleep(15_500);
      const good = tasks.lastDetails<FmConfigLoadStatus>(FM_CONFIG_LOAD);
      w.sql.pragma('ignore_check_constraints = ON');
      w.sql.prepare("INSERT INTO fm_config (version, comment, time_modified, sitrep_limit) VALUES (2, 'bad', '2026-01-01T00:00:00.000Z', 0)").run();
      w.sql.pragma('ignore_check_constraints = OFF');
      await w.sched.sleep(15_500);
      const kept = tasks.lastDetails<FmConfigLoadStatus>(FM_CONFIG_LOAD);
      // A new incarnation has no config loaded yet: it falls back to the default.
      rack.crashNexus(0);
      await rack.restartNexus(0);
      await w.sched.sleep(1_000);
      return { good, kept, fresh: rack.nexus[0].process.tasks.lastDetails<FmConfigLoadStatus>(FM_CONFIG_LOAD) };
    });
    const good = r.good as Extract<FmConfigLoadStatus, { Loaded: unknown }>;
    expect(good.Loaded.config.source).toMatchObject({ type: 'override', version: 1 });
    expect(r.kept).toEqual({ LatestConfigInvalid: { error: invalid, fallback: { ...good.Loaded, updated: false } } });
    expect(r.fresh).toEqual({ LatestConfigInvalid: { error: invalid, fallback: { config: { config: overrides({}), source: { type: 'default' } }, time_loaded: expect.any(String), updated: true } } });
  });

  it('fm_config_loader reports a failed read as public_error_from_diesel(…, Server) displays it', async () => {
    const r = await onRack(async ({ w, tasks }) => {
      w.sql.exec('ALTER TABLE fm_config RENAME TO fm_config_gone');
      tasks.activate(FM_CONFIG_LOAD);
      await w.sched.sleep(1_000);
      const failed = tasks.lastDetails<FmConfigLoadStatus>(FM_CONFIG_LOAD);
      w.sql.exec('ALTER TABLE fm_config_gone RENAME TO fm_config');
      return failed;
    });
    // omicron: `Internal Error: unexpected database error: {diesel error}`; the cause is SQLite's.
    expect(r).toEqual({ Error: 'Internal Error: unexpected database error: no such table: fm_config' });
  });
});
