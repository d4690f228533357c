// SecStore (nexus/db-queries/src/db/sec_store.rs): how a SEC persists a saga's log and state.
// Event and state writes are retried forever (`backoff_saga_operation`, with
// `retry_policy_internal_service`: see backoff.ts) on the Nexus's clock, as omicron does; only a
// fencing rejection (fenced design) stops the retries, and with them the saga.
import type { Clock } from '../../sim/index.js';
import type { NexusProcess } from '../process.js';
import { ExponentialBackoff } from './backoff.js';
import { sagaCreateEvent, sagaUpdateState, type SecWriter, type TraceFn } from './datastore.js';
import { SagaFenced, type DbSagaState, type NodeEventType } from './types.js';

export class SecStore {
  private readonly trace: TraceFn;
  private readonly clock: Clock;

  constructor(
    private readonly p: NexusProcess,
    private readonly sagaId: string,
    private readonly writer: SecWriter,
  ) {
    this.trace = (kind, data) => p.ctx.trace(kind, data);
    this.clock = p.clock;
  }

  recordEvent(nodeId: number, eventType: NodeEventType, data?: unknown): Promise<void> {
    return this.retry(`node event ${nodeId}/${eventType}`, () =>
      sagaCreateEvent(this.p.db, this.trace, this.clock.now(), this.writer, { sagaId: this.sagaId, nodeId, eventType, data }),
    );
  }

  updateState(state: DbSagaState): Promise<void> {
    return this.retry(`state ${state}`, () => sagaUpdateState(this.p.db, this.trace, this.writer, this.sagaId, state));
  }

  private async retry(what: string, write: () => Promise<void>): Promise<void> {
    // A fresh policy per operation, as `backoff_saga_operation` builds one per call.
    const backoff = new ExponentialBackoff(this.p.rng('sec-store-backoff'));
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (err) {
        if (err instanceof SagaFenced) throw err;
        const delayMs = backoff.nextWaitMs();
        this.p.trace('saga.sec_store_retry', { saga: this.sagaId, what, attempt, delayMs, error: err instanceof Error ? err.message : String(err) });
        await this.clock.sleep(delayMs);
      }
    }
  }
}
