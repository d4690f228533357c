// Every scenario the CLI and the CI suite know, by name. One file per scenario.
import { rackSmoke } from './rack-smoke.js';
import { racingSitrepDelete } from './racing-sitrep-delete.js';
import { alertResurrection } from './alert-resurrection.js';
import { tombstoneGcStall } from './tombstone-gc-stall.js';
import type { ScenarioDef } from './types.js';

export const SCENARIOS: readonly ScenarioDef[] = [rackSmoke, racingSitrepDelete, alertResurrection, tombstoneGcStall];

export function findScenario(name: string): ScenarioDef | undefined {
  return SCENARIOS.find((s) => s.name === name);
}
