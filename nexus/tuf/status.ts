// TufArtifactReplicationStatus and friends (omicron nexus/types/src/internal_api/background.rs):
// the activation's details as the lockstep API shows them, plus the ring buffer of recent requests.
import { iso } from '../db/time.js';

/** omicron's MAX_REQUEST_DEBUG_BUFFER_LEN (32 * 64 * 2). */
export const MAX_REQUEST_DEBUG_BUFFER_LEN = 4096;

export interface TufArtifactReplicationCounters {
  put_config_ok: number;
  put_config_err: number;
  list_ok: number;
  list_err: number;
  put_ok: number;
  put_err: number;
  copy_ok: number;
  copy_err: number;
  /** v1-delete design only (PR #7129 sent DELETEs); absent from today's status. */
  delete_ok?: number;
  delete_err?: number;
}

export type CounterName = Exclude<keyof TufArtifactReplicationCounters, never>;

/** `#[serde(tag = "operation", rename_all = "snake_case")]`, flattened into the request. */
export type TufArtifactReplicationOperation =
  | { operation: 'put_config'; generation: number }
  | { operation: 'list' }
  | { operation: 'put'; hash: string }
  | { operation: 'copy'; hash: string; source_sled: string }
  /** v1-delete design only. */
  | { operation: 'delete'; hash: string };

export type TufArtifactReplicationRequest = { time: string; target_sled: string; error?: string } & TufArtifactReplicationOperation;

export interface TufArtifactReplicationStatus {
  generation: number;
  last_run_counters: TufArtifactReplicationCounters;
  lifetime_counters: TufArtifactReplicationCounters;
  request_debug_ringbuf: TufArtifactReplicationRequest[];
  local_repos: number;
}

/** What an activation returns when it could not even read its inputs (omicron: `{"error": ...}`). */
export interface TufArtifactReplicationError {
  error: string;
}

export function zeroCounters(withDeletes: boolean): TufArtifactReplicationCounters {
  const c: TufArtifactReplicationCounters = {
    put_config_ok: 0,
    put_config_err: 0,
    list_ok: 0,
    list_err: 0,
    put_ok: 0,
    put_err: 0,
    copy_ok: 0,
    copy_err: 0,
  };
  if (withDeletes) {
    c.delete_ok = 0;
    c.delete_err = 0;
  }
  return c;
}

/** `last_run_ok()`: list, put and copy errors are all zero (config PUT errors do not count). */
export function lastRunOk(c: TufArtifactReplicationCounters): boolean {
  return c.list_err === 0 && c.put_err === 0 && c.copy_err === 0 && (c.delete_err ?? 0) === 0;
}

/** The task's long-lived bookkeeping: lifetime counters and the request ring buffer. */
export class ReplicationRecorder {
  readonly lifetime: TufArtifactReplicationCounters;
  /** A circular buffer: `head` is the oldest entry once it is full. */
  private readonly ringbuf: TufArtifactReplicationRequest[] = [];
  private head = 0;
  last: TufArtifactReplicationCounters;

  constructor(private readonly withDeletes: boolean) {
    this.lifetime = zeroCounters(withDeletes);
    this.last = zeroCounters(withDeletes);
  }

  beginRun(): void {
    this.last = zeroCounters(this.withDeletes);
  }

  /** Records one finished request: a counter and a ring-buffer entry. */
  record(nowMs: number, targetSled: string, op: TufArtifactReplicationOperation, error: string | undefined): void {
    const kind = op.operation === 'put_config' ? 'put_config' : op.operation;
    const counter = `${kind}_${error === undefined ? 'ok' : 'err'}` as keyof TufArtifactReplicationCounters;
    this.last[counter] = (this.last[counter] ?? 0) + 1;
    this.lifetime[counter] = (this.lifetime[counter] ?? 0) + 1;
    const entry = { time: iso(nowMs), target_sled: targetSled, ...op } as TufArtifactReplicationRequest;
    if (error !== undefined) entry.error = error;
    if (this.ringbuf.length < MAX_REQUEST_DEBUG_BUFFER_LEN) {
      this.ringbuf.push(entry);
    } else {
      this.ringbuf[this.head] = entry;
      this.head = (this.head + 1) % MAX_REQUEST_DEBUG_BUFFER_LEN;
    }
  }

  status(generation: number, localRepos: number): TufArtifactReplicationStatus {
    return {
      generation,
      last_run_counters: { ...this.last },
      lifetime_counters: { ...this.lifetime },
      // omicron hands out an Arc snapshot, oldest first
      request_debug_ringbuf: [...this.ringbuf.slice(this.head), ...this.ringbuf.slice(0, this.head)],
      local_repos: localRepos,
    };
  }
}
