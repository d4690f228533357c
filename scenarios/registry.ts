// Every scenario the CLI and the CI suite know, by name. One file per scenario.
import { rackSmoke } from './rack-smoke.js';
import { alertResurrection } from './alert-resurrection.js';
import { alertCreateRace } from './alert-create-race.js';
import { racingSitrepDelete } from './racing-sitrep-delete.js';
import { sitrepGcUnderRead } from './sitrep-gc-under-read.js';
import { replication } from './replication/replication.js';
import { repoDepotPortZero } from './replication/repo-depot-port-zero.js';
import { sagaRecovery } from './saga-recovery.js';
import { sagaCreateRacesRecovery } from './saga-create-races-recovery.js';
import { sagaCreateOutlastsRecovery } from './saga-create-outlasts-recovery.js';
import { sagaTransfer } from './saga-transfer.js';
import { slowNexusDeletesFreshArtifacts } from './replication/slow-nexus.js';
import { stuckSagaHealth } from './stuck-saga-health.js';
import { tombstoneGcStall } from './tombstone-gc-stall.js';
import { tombstoneEarlySweep } from './tombstone-early-sweep.js';
import { deletedBundleVisible } from './deleted-bundle-visible.js';
import { uploadRace } from './replication/upload-race.js';
import { zombieSec } from './zombie-sec.js';
import { rackWorkload } from './workload/rack-workload.js';
import type { ScenarioDef } from './types.js';

export const SCENARIOS: readonly ScenarioDef[] = [
  rackSmoke,
  replication,
  slowNexusDeletesFreshArtifacts,
  uploadRace,
  repoDepotPortZero,
  sagaRecovery,
  sagaCreateRacesRecovery,
  sagaCreateOutlastsRecovery,
  sagaTransfer,
  zombieSec,
  stuckSagaHealth,
  racingSitrepDelete,
  sitrepGcUnderRead,
  alertResurrection,
  alertCreateRace,
  tombstoneGcStall,
  tombstoneEarlySweep,
  deletedBundleVisible,
  rackWorkload,
];

export function findScenario(name: string): ScenarioDef | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
