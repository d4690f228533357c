// A piscina worker: runs one seed of one scenario and returns its run line.
import { findScenario } from '../registry.js';
import { runScenario, type RunOptions, type RunResult } from '../runner.js';

export default async function runSeed(task: RunOptions & { scenario: string }): Promise<RunResult> {
  const def = findScenario(task.scenario);
  if (!def) throw new Error(`no scenario ${task.scenario}`);
  return runScenario(def, task);
}
