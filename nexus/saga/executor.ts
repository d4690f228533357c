// The saga executor (steno's SEC) of one Nexus incarnation: creates sagas, resumes recovered ones
// from their node-event log, and keeps the in-memory view `GET /sagas` shows. A crash loses all of
// it; saga recovery rebuilds it from the DB.
import { createActor, type Actor } from 'xstate';
import { detached } from '../../sim/index.js';
import type { NexusProcess } from '../process.js';
import type { CreateOrder } from './context.js';
import { sagaCreate } from './datastore.js';
import { replayLog, SagaRun } from './saga-run.js';
import { sagaLifecycleMachine, type LifecycleState } from './saga-machine.js';
import { SecStore } from './sec-store.js';
import type { Fencing, NodeEventRow, SagaRow, SagaTemplate, SecSagaState, StoredDag } from './types.js';
import type { Saga, SagaErrorInfo } from './wire.js';

/** A saga recovery cannot resume no matter how often it tries (omicron: not retryable). */
export class PermanentRecoveryError extends Error {}

/**
 * omicron's `Error::ServiceUnavailable`, the one error `RecoveryFailureKind::classify` calls
 * transient (`Error::retryable`): a DB connection the pool could not hand out
 * (`db/pool.rs`). Any other failure of a recovery (a query error is an `InternalError` through
 * `public_error_from_diesel(.., ErrorHandler::Server)`) is permanent and abandons the saga.
 */
export class ServiceUnavailableError extends Error {}

/** `RecoveryFailureKind::classify` (nexus/saga-recovery/src/status.rs): transient iff retryable. */
export function classifyRecoveryFailure(err: unknown): 'transient' | 'permanent' {
  return err instanceof ServiceUnavailableError ? 'transient' : 'permanent';
}

export interface SecSagaView {
  id: string;
  state: SecSagaState;
}

interface Entry {
  run: SagaRun;
  actor: Actor<typeof sagaLifecycleMachine>;
  state: LifecycleState;
}

export class Sec {
  private readonly sagas = new Map<string, Entry>();
  /** `sagas_started_tx`: sagas this process started, drained by each recovery pass. */
  private started: string[] = [];
  /** Sagas whose insert was sent and has not returned (saga_prepare up to Steno's saga_create). */
  private readonly inserting = new Set<string>();

  constructor(
    private readonly p: NexusProcess,
    readonly fencing: Fencing,
    private readonly templates: ReadonlyMap<string, SagaTemplate>,
    private readonly createOrder: CreateOrder = 'announce-first',
  ) {}

  /**
   * Creates a saga (row, current_sec = this SEC) and starts running it; resolves once it runs.
   * omicron's `saga_prepare` (nexus/src/app/saga.rs) sends the id on `sagas_started_tx` *before*
   * Steno inserts the row: a recovery pass lists the DB first and drains the channel after, so
   * any pass that can see the row also learns the saga is running here and skips it. Inserting
   * first (`insert-first`, kept only to show the race) lets a pass list the row and miss the id:
   * it then resumes the saga its creator is starting, and since Steno refuses a second copy of an
   * id, either the resume fails (permanent: the running saga is abandoned) or the creator's start
   * does (the request fails while the recovered copy runs).
   */
  async create(templateName: string, params: Record<string, unknown>): Promise<string> {
    const template = this.template(templateName);
    const id = this.p.rng('saga-ids').uuid();
    const dag: StoredDag = { name: template.name, params, nodes: template.nodes.map((n) => n.name) };
    const announceFirst = this.createOrder === 'announce-first';
    if (announceFirst) this.started.push(id);
    this.inserting.add(id);
    try {
      await sagaCreate(this.p.db, (k, d) => this.p.ctx.trace(k, d), this.p.clock.now(), { id, creator: this.p.id, dag, incarnation: this.p.incarnation });
    } finally {
      this.inserting.delete(id);
    }
    if (!announceFirst) this.started.push(id);
    this.start(id, template, params, 1, [], false);
    return id;
  }

  /** `saga_resume`: runs a recovered saga from its log. Throws PermanentRecoveryError if it cannot. */
  resume(row: SagaRow, log: readonly NodeEventRow[]): void {
    // Steno refuses an id it already has; omicron's recovery reports any saga_resume error as an
    // internal error, which RecoveryFailureKind::classify makes permanent (the saga is abandoned).
    if (this.sagas.has(row.id)) throw new PermanentRecoveryError(`failed to resume saga: saga_id ${row.id} cannot be inserted; already in use`);
    let dag: StoredDag;
    try {
      dag = JSON.parse(row.saga_dag) as StoredDag;
    } catch {
      throw new PermanentRecoveryError(`saga ${row.id}: saga_dag is not valid JSON`);
    }
    const template = this.templates.get(row.name);
    if (!template) throw new PermanentRecoveryError(`saga ${row.id}: unknown saga name "${row.name}"`);
    this.start(row.id, template, dag.params ?? {}, row.adopt_generation, log, row.saga_state === 'unwinding');
  }

  drainStarted(): string[] {
    const out = this.started;
    this.started = [];
    return out;
  }

  /** Sagas whose insert is in flight now: a listing taken from here on may still miss them. */
  insertsInFlight(): Set<string> {
    return new Set(this.inserting);
  }

  has(id: string): boolean {
    return this.sagas.has(id);
  }

  view(id: string): SecSagaView | undefined {
    const e = this.sagas.get(id);
    return e && { id, state: secState(e.state) };
  }

  list(): SecSagaView[] {
    return [...this.sagas.keys()].sort().map((id) => this.view(id)!);
  }

  /** The saga as `GET /sagas/{id}` serializes it (`Saga`). */
  wire(id: string): Saga | undefined {
    const e = this.sagas.get(id);
    return e && { id, state: wireState(e) };
  }

  wireList(): Saga[] {
    return [...this.sagas.keys()].sort().map((id) => this.wire(id)!);
  }

  lifecycle(id: string): LifecycleState | undefined {
    return this.sagas.get(id)?.state;
  }

  private template(name: string): SagaTemplate {
    const t = this.templates.get(name);
    if (!t) throw new Error(`no saga template "${name}"`);
    return t;
  }

  private start(id: string, template: SagaTemplate, params: Record<string, unknown>, adoptGeneration: number, log: readonly NodeEventRow[], unwinding: boolean): void {
    if (this.sagas.has(id)) throw new Error(`saga_id ${id} cannot be inserted; already in use`);
    const store = new SecStore(this.p, id, { sec: this.p.id, adoptGeneration, fenced: this.fencing === 'fenced' });
    const state = replayLog(log);
    const run = new SagaRun(this.p, id, template, params, store, state);
    const actor = createActor(sagaLifecycleMachine, { clock: this.p.clock, input: { run, startUnwinding: unwinding || run.mustUnwind } });
    const entry: Entry = { run, actor, state: 'running' };
    this.sagas.set(id, entry);
    actor.subscribe((snap) => {
      const next = snap.value as LifecycleState | 'resuming';
      if (next === 'resuming' || next === entry.state) return;
      entry.state = next;
      this.p.trace('saga.lifecycle', { saga: id, state: next, sec: this.p.id });
    });
    // A saga outlives the request that created it (POST /demo-saga answers once it is started).
    detached(() => actor.start());
  }
}

/** A saga fenced out of this SEC is shown as `stuck`: this SEC will not move it any further. */
function secState(s: LifecycleState): SecSagaState {
  switch (s) {
    case 'running':
    case 'unwinding':
      return 'running';
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'stuck':
    case 'fenced':
      return 'stuck';
  }
}

/** steno's `SagaStateView` → omicron's `SagaState`. A fenced saga (a design omicron does not have)
 * is shown as stuck with the fencing rejection as its undo error. */
function wireState(e: Entry): Saga['state'] {
  const state = secState(e.state);
  if (state === 'running' || state === 'succeeded') return { state };
  const run = e.run;
  const fenced = e.state === 'fenced' ? { node: run.error?.node ?? run.template.nodes[0].name, source: { message: 'this SEC no longer owns the saga (fenced)' } } : undefined;
  const failure = run.error ?? fenced ?? { node: run.template.nodes[0].name, source: null };
  const error: SagaErrorInfo = { error: 'action_failed', source_error: failure.source };
  if (state === 'failed') return { state, error_node_name: failure.node, error_info: error };
  const undo = run.undoError ?? fenced ?? { node: failure.node, source: null };
  return { state, error_node_name: failure.node, error_info: error, undo_error_node_name: undo.node, undo_source_error: undo.source };
}
