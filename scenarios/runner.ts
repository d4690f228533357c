// Runs one seed of one scenario: derive the knobs, build the world, run the script on virtual time
// while safety invariants watch every trace event, then check liveness after the script's heal
// phase. The result is the `run` line of the CLI's --json output.
import { performance } from 'node:perf_hooks';
import { createActor } from 'xstate';
import { NodeClock, SeededRng, SIM_EPOCH_MS, World, type TraceEvent } from '../sim/index.js';
import { worldOptions } from './knobs.js';
import { MarkCollector } from './marks.js';
import type { Invariant, Knobs, ScenarioDef, ScenarioRun } from './types.js';

export interface RunOptions {
  seed: number;
  variant?: string;
  sleds?: number;
  nexus?: number;
  keepTrace?: boolean;
  dbPath?: string;
  /** Called once the knobs are derived, before the first event: the CLI prints the seed and its
   * configuration first, and on a terminal polls the world's clock and event count for progress. */
  onStart?: (config: RunResult['config'], world: World) => void;
  /** A workload (data) the scenario runs instead of deriving one from the seed (--replay). */
  workload?: unknown;
}

export interface Violation {
  invariant: string;
  atMs: number;
  message: string;
  event?: TraceEvent;
}

export interface InvariantVerdict {
  name: string;
  kind: 'safety' | 'liveness';
  verdict: 'held' | 'violated' | 'skipped';
}

export interface RunResult {
  kind: 'run';
  scenario: string;
  variant: string;
  seed: number;
  config: Knobs & { sleds: number; nexus: number };
  verdict: 'pass' | 'fail';
  violations: Violation[];
  invariants: InvariantVerdict[];
  traceHash: string;
  simTimeMs: number;
  wallMs: number;
  events: number;
  /** Coverage marks this run reached (scenarios/marks.ts). */
  marks: string[];
  trace?: string[];
  /** The scenario's report text, if it has one (not part of --json output). */
  report?: string;
}

const DEFAULT_MAX_SIM_MS = 24 * 3600_000;

export function resolveShape(def: ScenarioDef, o: RunOptions) {
  return {
    variant: o.variant ?? def.variants[0],
    sleds: o.sleds ?? def.defaults.sleds,
    nexus: o.nexus ?? def.defaults.nexus,
  };
}

export async function runScenario(def: ScenarioDef, o: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const shape = resolveShape(def, o);
  const knobs = def.knobs(SeededRng.root(o.seed).fork('knobs'), shape);
  const world = new World({ ...worldOptions(o.seed, knobs), keepTrace: o.keepTrace, dbPath: o.dbPath });
  const violations: Violation[] = [];
  const violated = new Set<string>();
  let invariants: Invariant[] = [];
  let models: NonNullable<ScenarioRun['models']> = [];
  let report: (() => string) | undefined;
  let stopped = false;

  const record = (inv: Invariant, message: string, event?: TraceEvent) => {
    if (violated.has(inv.name)) return;
    violated.add(inv.name);
    violations.push({ invariant: inv.name, atMs: world.now - SIM_EPOCH_MS, message, ...(event ? { event } : {}) });
    world.emit('checker', 'invariant.violated', { invariant: inv.name, message });
    if (inv.kind === 'safety') stopped = true; // the first safety violation ends the run
  };

  const marks = new MarkCollector();
  world.trace.subscribe((ev) => {
    marks.observe(ev);
    for (const m of models) m.observe(ev);
    for (const inv of invariants) {
      if (!inv.onEvent || violated.has(inv.name)) continue;
      const msg = inv.onEvent(ev);
      if (msg !== undefined) record(inv, msg, ev);
    }
  });

  world.emit('runner', 'run.config', { scenario: def.name, seed: o.seed, ...shape, knobs });
  o.onStart?.({ sleds: shape.sleds, nexus: shape.nexus, ...knobs }, world);
  let scriptDone = false;
  let scriptError: string | undefined;
  const main = (async () => {
    const run = await def.setup({ world, seed: o.seed, knobs, ...shape, ...(o.workload === undefined ? {} : { workload: o.workload }) });
    invariants = run.invariants;
    models = run.models ?? [];
    report = run.report;
    const actor = createActor(run.script, {
      clock: new NodeClock(world.sched),
      input: { onStep: (step: string) => world.emit('script', 'script.step', { step }) },
    });
    await new Promise<void>((resolve) => {
      actor.subscribe((snap) => {
        if (snap.status === 'done') {
          scriptError = (snap.context as { error?: string }).error;
          resolve();
        }
      });
      actor.start();
    });
    scriptDone = true;
  })();
  let crashed = false;
  let crashError: unknown;
  main.catch((e) => {
    crashed = true; // stop the clock at once; rethrown below
    crashError = e;
  });

  const maxSim = SIM_EPOCH_MS + (def.maxSimMs ?? DEFAULT_MAX_SIM_MS);
  let runError: unknown;
  try {
    await world.sched.run({ untilMs: maxSim, stop: () => scriptDone || stopped || crashed });
  } catch (err) {
    runError = err;
  }
  if (runError !== undefined || crashed) {
    world.close();
    throw runError ?? crashError;
  }

  const verdicts: InvariantVerdict[] = [];
  if (!stopped) {
    if (!scriptDone) {
      violations.push({
        invariant: 'script-finishes',
        atMs: world.now - SIM_EPOCH_MS,
        message: world.sched.pending === 0 ? 'the script is waiting but nothing is scheduled (deadlock)' : `the script did not finish within ${(def.maxSimMs ?? DEFAULT_MAX_SIM_MS) / 1000}s of simulated time`,
      });
    } else if (scriptError) {
      violations.push({ invariant: 'script-finishes', atMs: world.now - SIM_EPOCH_MS, message: `a script step failed: ${scriptError}` });
    } else {
      for (const inv of invariants) {
        if (!inv.atEnd || violated.has(inv.name)) continue;
        const msg = await inv.atEnd();
        if (msg !== undefined) record(inv, msg);
      }
    }
  }
  for (const inv of invariants) {
    const checkedLater = stopped && inv.kind === 'liveness';
    verdicts.push({ name: inv.name, kind: inv.kind, verdict: violated.has(inv.name) ? 'violated' : checkedLater ? 'skipped' : 'held' });
  }

  const result: RunResult = {
    kind: 'run',
    scenario: def.name,
    variant: shape.variant,
    seed: o.seed,
    config: { sleds: shape.sleds, nexus: shape.nexus, ...knobs },
    verdict: violations.length === 0 ? 'pass' : 'fail',
    violations,
    invariants: verdicts,
    traceHash: world.trace.digest(),
    simTimeMs: world.now - SIM_EPOCH_MS,
    wallMs: Math.round(performance.now() - started),
    events: world.trace.count,
    marks: marks.reached(),
    ...(o.keepTrace ? { trace: world.trace.lines } : {}),
    ...(report ? { report: report() } : {}),
  };
  world.close();
  return result;
}
