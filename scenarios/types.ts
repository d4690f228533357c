// What a scenario is: a rack shape, seed-derived knobs, a script (an xstate machine), the
// invariants it checks and the verdict expected per variant. One scenario per file.
import type { AnyStateMachine } from 'xstate';
import type { Rng, TraceEvent, World } from '../sim/index.js';

export type Expected = 'holds' | 'caught';

export interface Shape {
  sleds: number;
  nexus: number;
  variant: string;
}

/** Knobs are plain JSON: printed before the run, recorded in --json output. */
export type Knobs = Record<string, string | number | boolean>;

export interface Invariant {
  name: string;
  kind: 'safety' | 'liveness';
  description: string;
  /** Safety: called for every trace event; a returned string is a violation. */
  onEvent?(ev: TraceEvent): string | undefined;
  /** Called once the script has finished (after its heal phase); a returned string is a violation. */
  atEnd?(): string | undefined | Promise<string | undefined>;
}

export interface ScenarioRun {
  /** The script: an xstate machine whose final state ends the run. */
  script: AnyStateMachine;
  invariants: Invariant[];
  /** Optional human-readable text (omdb-style views, ...) the CLI prints after a single-seed run. */
  report?(): string;
  /** State the invariants judge, kept from the trace: the runner feeds each event to every model
   * before any invariant sees it, so one invariant's violation never starves another. */
  models?: Array<{ observe(ev: TraceEvent): unknown }>;
}

export interface SetupArgs extends Shape {
  world: World;
  seed: number;
  knobs: Knobs;
  /** A given workload (data) to run instead of the seed's own (rack-workload's --replay). */
  workload?: unknown;
}

export interface ScenarioDef {
  name: string;
  summary: string;
  /** Default (the design omicron ships today) first. */
  variants: readonly string[];
  expected: Readonly<Record<string, Expected>>;
  defaults: { sleds: number; nexus: number };
  limits?: { minSleds?: number; maxSleds?: number; minNexus?: number; maxNexus?: number };
  /** Swarm testing: every knob of the run from the seed's stream. */
  knobs(rng: Rng, shape: Shape): Knobs;
  /** Builds the rack on the world and returns the script and invariants. Runs on virtual time. */
  setup(args: SetupArgs): Promise<ScenarioRun>;
  /** Sweeps print how many seeds reached each coverage mark (scenarios/marks.ts). */
  reportMarks?: boolean;
  /** Longest simulated time a run may take before it is called stuck (default 24 h). */
  maxSimMs?: number;
}
