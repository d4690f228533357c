// Script steps several replication scenarios share: upload a repo to one Nexus and wait for the
// activation it triggers, then signal one more activation after a gap, heal, converge.
import { updatesPutRepository, type Nexus, type TufRepository, type UploadOrder } from '../../nexus/index.js';
import type { Step } from '../script.js';
import { converge, healFaults } from './heal.js';
import type { TufRack } from './tuf-rack.js';

export function uploadReplicateHealSteps(t: TufRack, uploader: Nexus, repo: TufRepository, o: { gapMs: number; convergeRounds: number; order?: UploadOrder }): Step[] {
  return [
    {
      name: 'upload',
      run: async () => {
        const done = t.watch.completed(uploader);
        await updatesPutRepository(uploader.process, repo, o.order);
        await done;
      },
    },
    {
      name: 'replicate',
      run: async () => {
        await t.rack.world.sched.sleep(o.gapMs);
        await t.watch.activateAndWait(uploader);
      },
    },
    { name: 'heal', run: () => healFaults(t) },
    { name: 'converge', run: () => converge(t, o.convergeRounds) },
  ];
}
