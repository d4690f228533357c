// One saga's execution in one SEC: runs the chain node by node from where its log left off
// (completed nodes are not re-run), writing node events through SecStore, and unwinds on failure.
import type { NexusProcess } from '../process.js';
import type { SecStore } from './sec-store.js';
import type { NodeEventRow, NodeEventType, SagaTemplate } from './types.js';

/** An action failed: the saga unwinds. */
export class ActionFailed extends Error {
  constructor(
    readonly nodeName: string,
    override readonly cause: unknown,
  ) {
    super(`action ${nodeName} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** What a node-event log says about each node. */
export interface LogState {
  outputs: unknown[];
  succeeded: Set<number>;
  failed: Set<number>;
  undone: Set<number>;
  /** The recorded error of each failed node (steno rebuilds `error_info` from it on recovery). */
  failedData: Map<number, unknown>;
}

export function replayLog(log: readonly NodeEventRow[]): LogState {
  const s: LogState = { outputs: [], succeeded: new Set(), failed: new Set(), undone: new Set(), failedData: new Map() };
  const seen = (t: NodeEventType) => log.filter((e) => e.event_type === t);
  for (const e of seen('succeeded')) {
    s.succeeded.add(e.node_id);
    s.outputs[e.node_id] = e.data === null ? null : JSON.parse(e.data);
  }
  for (const e of seen('failed')) {
    s.failed.add(e.node_id);
    s.failedData.set(e.node_id, e.data === null ? null : JSON.parse(e.data));
  }
  for (const e of seen('undo_finished')) s.undone.add(e.node_id);
  return s;
}

export class SagaRun {
  /** The action that failed and the error it recorded (`error_node_name`, `source_error`). */
  error?: { node: string; message: string; source: unknown };
  /** The undo action that failed while unwinding (a stuck saga's `undo_error_node_name`). */
  undoError?: { node: string; source: unknown };

  constructor(
    private readonly p: NexusProcess,
    readonly id: string,
    readonly template: SagaTemplate,
    readonly params: Record<string, unknown>,
    private readonly store: SecStore,
    private readonly log: LogState,
  ) {}

  /** True when the log says the saga must unwind rather than go forward. */
  get mustUnwind(): boolean {
    return this.log.failed.size > 0 || this.log.undone.size > 0;
  }

  async forward(): Promise<void> {
    const nodes = this.template.nodes;
    for (let k = 0; k < nodes.length; k++) {
      if (this.log.succeeded.has(k)) continue;
      const node = nodes[k];
      // Re-recorded even when the log has it: the write is ON CONFLICT DO NOTHING, and under
      // fencing it is what authorizes this SEC to run the action.
      await this.store.recordEvent(k, 'started');
      const ctx = { p: this.p, sagaId: this.id, params: this.params, outputs: this.log.outputs };
      this.trace('saga.action_started', k);
      let output: unknown;
      try {
        output = await node.action(ctx);
      } catch (err) {
        this.trace('saga.action_finished', k, { ok: false });
        const message = err instanceof Error ? err.message : String(err);
        this.error = { node: node.name, message, source: { message } };
        await this.store.recordEvent(k, 'failed', { message });
        this.log.failed.add(k);
        throw new ActionFailed(node.name, err);
      }
      this.trace('saga.action_finished', k, { ok: true });
      await this.store.recordEvent(k, 'succeeded', output ?? null);
      this.log.succeeded.add(k);
      this.log.outputs[k] = output ?? null;
    }
    await this.store.updateState('done');
  }

  async unwind(): Promise<void> {
    if (!this.error) {
      // Recovered mid-unwind: the failed node's recorded error is the saga's error.
      const [k, source] = [...this.log.failedData][0] ?? [];
      if (k !== undefined) this.error = { node: this.template.nodes[k].name, message: String((source as { message?: unknown } | null)?.message ?? ''), source };
    }
    await this.store.updateState('unwinding');
    const nodes = this.template.nodes;
    for (let k = nodes.length - 1; k >= 0; k--) {
      if (!this.log.succeeded.has(k) || this.log.undone.has(k)) continue;
      await this.store.recordEvent(k, 'undo_started');
      const undo = nodes[k].undo;
      try {
        if (undo) await undo({ p: this.p, sagaId: this.id, params: this.params, outputs: this.log.outputs });
      } catch (err) {
        this.undoError = { node: nodes[k].name, source: { message: err instanceof Error ? err.message : String(err) } };
        throw err;
      }
      await this.store.recordEvent(k, 'undo_finished');
      this.log.undone.add(k);
    }
    await this.store.updateState('done');
  }

  private trace(kind: 'saga.action_started', node: number): void;
  private trace(kind: 'saga.action_finished', node: number, extra: { ok: boolean }): void;
  private trace(kind: 'saga.action_started' | 'saga.action_finished', node: number, extra?: { ok: boolean }): void {
    const base = { saga: this.id, node_id: node, name: this.template.nodes[node].name, sec: this.p.id };
    if (kind === 'saga.action_started') this.p.trace(kind, base);
    else this.p.trace(kind, { ...base, ok: extra!.ok });
  }
}
