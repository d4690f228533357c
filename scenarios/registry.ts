// Every scenario the CLI and the CI suite know, by name. One file per scenario.
import { rackSmoke } from './rack-smoke.js';
import { repoDepotPortZero } from './replication/repo-depot-port-zero.js';
import { replication } from './replication/replication.js';
import { slowNexusDeletesFreshArtifacts } from './replication/slow-nexus.js';
import { uploadRace } from './replication/upload-race.js';
import type { ScenarioDef } from './types.js';

export const SCENARIOS: readonly ScenarioDef[] = [rackSmoke, replication, slowNexusDeletesFreshArtifacts, uploadRace, repoDepotPortZero];

export function findScenario(name: string): ScenarioDef | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
