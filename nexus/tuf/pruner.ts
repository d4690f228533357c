// The `tuf_repo_pruner` background task (omicron nexus/src/app/background/tasks/tuf_repo_pruner.rs
// at b848b6df85): keep the repos of the most recent target releases and the most recent uploads,
// and mark at most one other repo (the oldest upload) pruned per activation, conditionally on the
// TUF generation and the target releases it read (`tuf_repo_mark_pruned`). A pruned repo's
// artifacts leave the artifact config, and the sleds' delete reconcilers remove them.
// Only the live rack runs it: no scripted scenario has it (they prune by script, at a chosen time).
import type { NexusPlugin, NexusProcess } from '../process.js';
import { tufGenerationGet, tufRepoListUnpruned } from './datastore-tuf.js';
import { targetReleaseFetchRecentDistinct, tufRepoMarkPruned } from './datastore-tuf-prune.js';

export const TUF_REPO_PRUNER_TASK_NAME = 'tuf_repo_pruner';
/** smf/nexus/multi-sled/config-partial.toml: `tuf_repo_pruner.period_secs = 300`. */
export const TUF_REPO_PRUNER_PERIOD_MS = 300_000;
/** `NKEEP_RECENT_TARGET_RELEASES_ALWAYS` (the current target release and the previous one). */
const NKEEP_RECENT_TARGET_RELEASES_ALWAYS = 2;
/** `NKEEP_RECENT_UPLOADS_ALWAYS` (the operator may be about to update to it). */
const NKEEP_RECENT_UPLOADS_ALWAYS = 1;

/** `TufRepoInfo`. */
export interface TufRepoInfo {
  id: string;
  system_version: string;
  time_created: string;
}

/** `TufRepoPrunerDetails`; the `IdOrdMap`s serialize as arrays ordered by id. */
export interface TufRepoPrunerDetails {
  nkeep_recent_releases: number;
  nkeep_recent_uploads: number;
  repos_keep_target_release: TufRepoInfo[];
  repos_keep_recent_uploads: TufRepoInfo[];
  repo_prune: TufRepoInfo | null;
  other_repos_eligible_to_prune: TufRepoInfo[];
  warnings: string[];
}

/** `TufRepoPrunerStatus`, `#[serde(tag = "status")]`. */
export type TufRepoPrunerStatus = { status: 'disabled'; reason: string } | ({ status: 'enabled' } & TufRepoPrunerDetails);

export interface TufRepoPrunerOptions {
  periodMs?: number;
  /** `tuf_repo_pruner.nkeep_extra_target_releases` (1 in the multi-sled config). */
  nkeepExtraTargetReleases?: number;
  /** `tuf_repo_pruner.nkeep_extra_newly_uploaded` (1 in the multi-sled config). */
  nkeepExtraNewlyUploaded?: number;
  /** The reconfigurator config's `tuf_repo_pruner_enabled` (default true). */
  enabled?: boolean;
}

const byId = (a: TufRepoInfo, b: TufRepoInfo) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `decide_prune`: pure. Among repos that are not a recent target release, newest upload first,
 * keep the first `nkeepRecentUploads`; the oldest of the rest is pruned, the others are eligible. */
export function decideTufPrune(nkeepRecentReleases: number, nkeepRecentUploads: number, all: readonly TufRepoInfo[], recentReleases: ReadonlySet<string>): TufRepoPrunerDetails {
  const warnings: string[] = [];
  const byRepo = new Map(all.map((r) => [r.id, r]));
  const keepRelease: TufRepoInfo[] = [];
  for (const id of [...recentReleases].sort()) {
    const r = byRepo.get(id);
    if (r) keepRelease.push(r);
    else warnings.push(`wanting to keep recent target release repo ${id}, but did not find it in the tuf_repo table`);
  }
  const kept = new Set(keepRelease.map((r) => r.id));
  // `sort_by_key(Reverse(time_created))` is stable: ties keep the listing's order.
  const others = all.filter((r) => !kept.has(r.id)).sort((a, b) => Date.parse(b.time_created) - Date.parse(a.time_created));
  const keepUploads: TufRepoInfo[] = [];
  const eligible: TufRepoInfo[] = [];
  let prune: TufRepoInfo | null = null;
  for (const r of others) {
    if (keepUploads.length < nkeepRecentUploads) {
      keepUploads.push(r);
      continue;
    }
    if (prune) eligible.push(prune);
    prune = r;
  }
  return {
    nkeep_recent_releases: nkeepRecentReleases,
    nkeep_recent_uploads: nkeepRecentUploads,
    repos_keep_target_release: keepRelease.sort(byId),
    repos_keep_recent_uploads: keepUploads.sort(byId),
    repo_prune: prune,
    other_repos_eligible_to_prune: eligible.sort(byId),
    warnings,
  };
}

async function activate(p: NexusProcess, o: Required<TufRepoPrunerOptions>): Promise<TufRepoPrunerStatus | { error: string }> {
  if (!o.enabled) return { status: 'disabled', reason: 'explicitly disabled' };
  const nkeepReleases = NKEEP_RECENT_TARGET_RELEASES_ALWAYS + o.nkeepExtraTargetReleases;
  const nkeepUploads = NKEEP_RECENT_UPLOADS_ALWAYS + o.nkeepExtraNewlyUploaded;
  try {
    const generation = await tufGenerationGet(p.db);
    const all = await tufRepoListUnpruned(p.db);
    const recent = await targetReleaseFetchRecentDistinct(p.db, nkeepReleases);
    const details = decideTufPrune(nkeepReleases, nkeepUploads, all, recent.releases);
    if (details.repo_prune) {
      const r = details.repo_prune;
      try {
        await tufRepoMarkPruned(p.db, p.clock.now(), generation, recent, r.id);
        p.trace('tuf.repo_pruned', { repo: r.system_version, by: TUF_REPO_PRUNER_TASK_NAME });
      } catch (err) {
        details.warnings.push(`failed to prune ${r.id} (release ${r.system_version}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { status: 'enabled', ...details };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export function tufRepoPruner(opts: TufRepoPrunerOptions = {}): NexusPlugin {
  const o: Required<TufRepoPrunerOptions> = {
    periodMs: opts.periodMs ?? TUF_REPO_PRUNER_PERIOD_MS,
    nkeepExtraTargetReleases: opts.nkeepExtraTargetReleases ?? 1,
    nkeepExtraNewlyUploaded: opts.nkeepExtraNewlyUploaded ?? 1,
    enabled: opts.enabled ?? true,
  };
  return {
    name: 'tuf-repo-pruner',
    boot(p: NexusProcess) {
      p.tasks.register({ name: TUF_REPO_PRUNER_TASK_NAME, description: "determine which TUF repos' artifacts can be pruned", periodMs: o.periodMs, activate: () => activate(p, o) });
    },
  };
}
