// What the FM scenarios share: injecting ereports (a sled reporting a fault), driving a Nexus's
// FM tasks, and waiting on DB state, all on virtual time.
import { FM_ANALYSIS, FM_RENDEZVOUS, FM_SITREP_LOAD, fmPlugin, fmConfigGetLatest, fmConfigInsertLatestVersion, iso, type AlertDesign, type Nexus, type ReadDesign } from '../nexus/index.js';
import type { Rng, World } from '../sim/index.js';
import {
  alertsOnlyFromCurrentSitreps,
  deletedAlertNeverRecreated,
  loadedSitrepMatchesInserted,
  loadersCatchUp,
  markersBoundedAfterHeal,
  parentCurrentWhenMadeCurrent,
  SitrepLedger,
} from './checkers/index.js';
import type { Invariant } from './types.js';

export const FM_POLL_MS = 25;

export function fmPlugins(readDesign: ReadDesign, alertDesign: AlertDesign) {
  return [fmPlugin({ readDesign, alertDesign })];
}

/** An FM config override (the next version), as `omdb nexus fm-config set` makes one; unset
 * settings stay at the default. The Nexuses see it once their fm_config_loader loads it. */
export function setFmConfig(world: World, c: { sitrep_limit?: number; history_pruning_threshold?: number; analysis_enabled?: boolean }): void {
  const set = <T>(v: T | undefined) => (v === undefined ? { source: 'default' as const } : { source: 'override' as const, value: v });
  const version = (fmConfigGetLatest(world.sql)?.version ?? 0) + 1;
  const config = { analysis_enabled: set(c.analysis_enabled), sitrep_limit: set(c.sitrep_limit), history_pruning_threshold: set(c.history_pruning_threshold) };
  const err = fmConfigInsertLatestVersion(world.sql, { version, comment: 'scenario', config }, iso(world.now));
  if (err) throw new Error(`setFmConfig: ${err.message}`);
  world.emit('script', 'fm.config.set', { version });
}

export interface EreportSpec {
  serial: string;
  de?: 'power_shelf' | 'physical_disk' | 'saga';
  resolved?: boolean;
  wantsBundle?: boolean;
}

/** A sled reports a fault (or its resolution): one row in the ereport table. */
export function injectEreport(world: World, ids: Rng, e: EreportSpec): void {
  const id = ids.uuid();
  const cls = e.resolved ? 'resolved' : 'hw.fault';
  world.sql
    .prepare('INSERT INTO ereport (id, time_collected, class, part_serial, de, wants_bundle) VALUES (?, ?, ?, ?, ?, ?)')
    .run(id, iso(world.now), cls, e.serial, e.de ?? 'physical_disk', e.wantsBundle ? 1 : 0);
  world.emit('script', 'fm.ereport.injected', { id, class: cls, part_serial: e.serial });
}

export function currentVersion(world: World): number {
  return (world.sql.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM fm_sitrep_history').get() as { v: number }).v;
}

export async function waitUntil(world: World, what: string, cond: () => boolean, timeoutMs = 600_000, tick?: () => void): Promise<void> {
  const deadline = world.now + timeoutMs;
  for (let i = 0; !cond(); i++) {
    if (world.now > deadline) throw new Error(`timed out waiting for ${what}`);
    if (tick && i % 8 === 7) tick();
    await world.sched.sleep(FM_POLL_MS);
  }
}

/** Nudges `n` to diagnose until a newer sitrep than `before` is current (any Nexus may win). */
export async function diagnose(world: World, n: Nexus, before = currentVersion(world)): Promise<number> {
  n.process.tasks.activate(FM_ANALYSIS);
  await waitUntil(world, `a sitrep newer than version ${before}`, () => currentVersion(world) > before, 600_000, () => {
    n.process.tasks.activate(FM_SITREP_LOAD);
    n.process.tasks.activate(FM_ANALYSIS);
  });
  return currentVersion(world);
}

export function activateAll(nexus: readonly Nexus[], task: string): void {
  for (const n of nexus) if (n.running) n.process.tasks.activate(task);
}

/** The heal phase's convergence: every Nexus loads the current sitrep, then runs its rendezvous
 * twice (the tombstone tracker advances at the end of one pass and collects on the next), so the
 * run need not wait out real periods. */
export async function settleFm(world: World, nexus: readonly Nexus[]): Promise<void> {
  activateAll(nexus, FM_SITREP_LOAD);
  await world.sched.sleep(5_000);
  for (let pass = 0; pass < 2; pass++) {
    activateAll(nexus, FM_RENDEZVOUS);
    await world.sched.sleep(5_000);
  }
}

/** The sitrep invariants every FM scenario checks; the alert ones too when alerts are in play. */
export function fmInvariants(world: World, nexus: readonly Nexus[], o: { alerts: boolean }): Invariant[] {
  const ledger = new SitrepLedger(world.sql);
  const sitreps = [loadedSitrepMatchesInserted(ledger), parentCurrentWhenMadeCurrent(world.sql), loadersCatchUp(world.sql, nexus)];
  if (!o.alerts) return sitreps;
  return [deletedAlertNeverRecreated(world.sql), alertsOnlyFromCurrentSitreps(world.sql, ledger), ...sitreps, markersBoundedAfterHeal(world.sql)];
}
