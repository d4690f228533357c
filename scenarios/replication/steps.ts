// Script steps several replication scenarios share: upload a repo to one Nexus (the operator's PUT
// of its zip to the external API) and wait for the
// activation it triggers, then signal one more activation after a gap, heal, converge.
import type { Nexus, TufRepository } from '../../nexus/index.js';
import { UpdateOperator } from '../update-operator.js';
import type { Step } from '../script.js';
import { converge, healFaults } from './heal.js';
import type { TufRack } from './tuf-rack.js';

export function uploadReplicateHealSteps(t: TufRack, uploader: Nexus, repo: TufRepository, o: { gapMs: number; convergeRounds: number }): Step[] {
  return [
    {
      name: 'upload',
      run: async () => {
        const done = t.watch.completed(uploader);
        await UpdateOperator.onWorld(t.rack.world).upload(uploader, repo);
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
