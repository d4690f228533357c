// tuf_repo_pruner: `decide_prune` on its own (which repos are kept, which one goes), and the task
// on a rack: with four uploads and no target release it prunes the oldest, bumping the generation,
// and reports omicron's `TufRepoPrunerStatus` (tagged "enabled").
import { describe, expect, it } from 'vitest';
import { TUF_REPO_PRUNER_TASK_NAME, decideTufPrune, tufGenerationGet, type TufRepoInfo, type TufRepoPrunerStatus } from '../../nexus/index.js';
import { uploadsThenPrune } from '../support/pruned-rack.js';

const repo = (n: number): TufRepoInfo => ({ id: `0000000${n}-0000-0000-0000-000000000000`, system_version: `${n}.0.0`, time_created: `2026-01-0${n}T00:00:00.000Z` });
const [r1, r2, r3, r4, r5, r6] = [1, 2, 3, 4, 5, 6].map(repo);
const ids = (rs: TufRepoInfo[]) => rs.map((r) => r.system_version);

describe('decide_prune', () => {
  it('nothing to prune', () => {
    expect(decideTufPrune(3, 2, [], new Set())).toMatchObject({ repo_prune: null, repos_keep_recent_uploads: [], other_repos_eligible_to_prune: [], warnings: [] });
    expect(decideTufPrune(3, 2, [r1, r2], new Set()).repo_prune).toBeNull();
  });

  it('keeps the newest uploads, prunes the oldest of the rest', () => {
    const d = decideTufPrune(3, 2, [r3, r1, r6, r2, r5, r4], new Set());
    expect(ids(d.repos_keep_recent_uploads)).toEqual(['5.0.0', '6.0.0']);
    expect(d.repo_prune).toEqual(r1);
    expect(ids(d.other_repos_eligible_to_prune)).toEqual(['2.0.0', '3.0.0', '4.0.0']);
  });

  it('never prunes a recent target release, and warns about one it cannot find', () => {
    const d = decideTufPrune(3, 1, [r1, r2, r3, r4, r5, r6], new Set([r1.id, r6.id, 'ffffffff-0000-0000-0000-000000000000']));
    expect(ids(d.repos_keep_target_release)).toEqual(['1.0.0', '6.0.0']);
    expect(ids(d.repos_keep_recent_uploads)).toEqual(['5.0.0']);
    expect(d.repo_prune).toEqual(r2);
    expect(ids(d.other_repos_eligible_to_prune)).toEqual(['3.0.0', '4.0.0']);
    expect(d.warnings).toEqual(['wanting to keep recent target release repo ffffffff-0000-0000-0000-000000000000, but did not find it in the tuf_repo table']);
  });
});

/** The shared rack's four uploads and one pruner activation: what it reports and what it pruned. */
async function fourUploadsThenPrune(enabled: boolean) {
  const { w, result } = await uploadsThenPrune({
    enabled,
    beforePrune: ({ n }) => tufGenerationGet(n.process.db),
    afterPrune: async ({ w, n }, before) => {
      const view = n.process.tasks.view(TUF_REPO_PRUNER_TASK_NAME) as { last: { details: { details: TufRepoPrunerStatus } } };
      const pruned = (w.sql.prepare('SELECT system_version FROM tuf_repo WHERE time_pruned IS NOT NULL').all() as Array<{ system_version: string }>).map((r) => r.system_version);
      return { before: before!, after: await tufGenerationGet(n.process.db), status: view.last.details.details, pruned };
    },
  });
  w.close();
  return result;
}

describe('the tuf_repo_pruner task', () => {
  it('prunes the oldest of four uploads, one per activation', async () => {
    const { before, after, status, pruned } = await fourUploadsThenPrune(true);
    // The boot activation ran before any upload; this one sees all four and keeps the newest two.
    expect(pruned).toEqual(['1.0.0']);
    expect(after).toBe(before + 1);
    expect(status).toMatchObject({ status: 'enabled', nkeep_recent_releases: 3, nkeep_recent_uploads: 2, repo_prune: { system_version: '1.0.0' }, warnings: [] });
    expect(ids((status as { repos_keep_recent_uploads: TufRepoInfo[] }).repos_keep_recent_uploads).sort()).toEqual(['3.0.0', '4.0.0']);
  });

  it('prunes nothing when disabled (the reconfigurator config\'s tuf_repo_pruner_enabled = false)', async () => {
    const { before, after, status, pruned } = await fourUploadsThenPrune(false);
    expect(pruned).toEqual([]);
    expect(after).toBe(before);
    expect(status).toEqual({ status: 'disabled', reason: 'explicitly disabled' });
  });
});
