// `updates_put_repository` (omicron nexus/src/app/update.rs): the repo is unpacked, recorded in the
// DB (bumping tuf_generation), handed to the replication task's channel, and the task activated.
// omicron inserts first, then sends ("insert-then-send"). The order under review in the design
// thread sent first ("send-before-insert"): the task can activate before the repo is in the DB,
// find none of its artifacts in the config and drop the only copy.
import type { NexusProcess } from '../process.js';
import { tufRepoInsert, type TufRepoInsertResult } from './datastore-tuf-insert.js';
import type { TufRepository } from './repo.js';
import { tufState } from './state.js';

export type UploadOrder = 'insert-then-send' | 'send-before-insert';

export const TUF_TASK_NAME = 'tuf_artifact_replication';

export async function updatesPutRepository(p: NexusProcess, repo: TufRepository, order: UploadOrder = tufState(p).uploadOrder): Promise<TufRepoInsertResult> {
  const state = tufState(p);
  state.uploading.add(repo);
  p.trace('tuf.upload_started', { repo: repo.systemVersion, artifacts: repo.artifacts.length, order });
  try {
    if (order === 'send-before-insert') await handOff(p, repo);
    const result = await tufRepoInsert(p.db, p.clock.now(), p.rng('tuf-ids'), repo);
    p.trace('tuf.repo_inserted', { repo: repo.systemVersion, generation: result.generation, existed: result.existed });
    if (order === 'insert-then-send') await handOff(p, repo);
    return result;
  } finally {
    state.uploading.delete(repo);
  }
}

async function handOff(p: NexusProcess, repo: TufRepository): Promise<void> {
  const state = tufState(p);
  await state.channel.send(repo);
  state.uploading.delete(repo);
  p.tasks.activate(TUF_TASK_NAME);
}
