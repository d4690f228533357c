// Per-incarnation saga state of one Nexus: its SEC, recovery's memory and report, the options
// the plugin was built with. Created at boot; a crash throws it away.
import type { NexusProcess } from '../process.js';
import { Sec } from './executor.js';
import { RestState } from './recovery-plan.js';
import { emptyReport, type RecoveryReport } from './recovery-report.js';
import type { ReassignRule } from './nexus-zones.js';
import type { Fencing, SagaTemplate } from './types.js';

/** omicron's STUCK_SAGA_THRESHOLD. */
export const STUCK_SAGA_THRESHOLD_MS = 15 * 60_000;
/** saga_recovery.period_secs = 600. */
export const SAGA_RECOVERY_PERIOD_MS = 600_000;

export interface SagaOptions {
  fencing: Fencing;
  /** Which expunged Nexus zones blueprint execution takes sagas from. */
  reassignment: ReassignRule;
  /** Sim-only, for the test that shows why omicron's order matters: 'insert-first' inserts the
   * saga row before telling recovery about it. */
  createOrder: CreateOrder;
  /** How a pass decides that a saga it started has finished (`two-listings`: omicron). */
  doneInference: DoneInference;
  stuckThresholdMs: number;
  templates: readonly SagaTemplate[];
}

export interface SagaContext {
  opts: SagaOptions;
  sec: Sec;
  rest: RestState;
  report: RecoveryReport;
}

/** omicron (nexus/src/app/saga.rs `saga_prepare`) tells recovery about a new saga before Steno
 * inserts its row; the reverse lets a recovery pass list the row first and resume it too. */
export type CreateOrder = 'announce-first' | 'insert-first';

/**
 * omicron (`Plan::new`, nexus/saga-recovery/src/recovery.rs) infers a saga done when two listings
 * in a row miss it; that holds only if its row was inserted before the second listing, and a
 * stalled insert can outlast both (scenarios/saga-create-outlasts-recovery.ts).
 * `in-flight-creates-kept` (a fix, not omicron's): a saga whose insert had not returned when a
 * pass's listing began stays "maybe done" in that pass; only a listing taken after the insert
 * returned can show it finished.
 */
export type DoneInference = 'two-listings' | 'in-flight-creates-kept';

const KEY = 'saga.context';

export function initSagaContext(p: NexusProcess, opts: SagaOptions): SagaContext {
  return p.local(KEY, () => ({
    opts,
    sec: new Sec(p, opts.fencing, new Map(opts.templates.map((t) => [t.name, t])), opts.createOrder),
    rest: new RestState(),
    report: emptyReport(),
  }));
}

export function sagaContext(p: NexusProcess): SagaContext {
  const c = p.local<SagaContext | undefined>(KEY, () => undefined);
  if (!c) throw new Error(`${p.identity.name} does not run the saga plugin`);
  return c;
}
