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

/** `TufArtifactReplicationOperation`'s derived `Ord`: variant order first, then the fields. */
const OPERATION_ORDER = { put_config: 0, list: 1, put: 2, copy: 3, delete: 4 } as const;

function cmp(a: string | number | undefined, b: string | number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1; // `None < Some`
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** `TufArtifactReplicationRequest`'s derived `Ord`: time, target_sled, operation, error. */
export function compareRequests(a: TufArtifactReplicationRequest, b: TufArtifactReplicationRequest): number {
  return (
    cmp(a.time, b.time) ||
    cmp(a.target_sled, b.target_sled) ||
    cmp(OPERATION_ORDER[a.operation], OPERATION_ORDER[b.operation]) ||
    cmp('generation' in a ? a.generation : undefined, 'generation' in b ? b.generation : undefined) ||
    cmp('hash' in a ? a.hash : undefined, 'hash' in b ? b.hash : undefined) ||
    cmp('source_sled' in a ? a.source_sled : undefined, 'source_sled' in b ? b.source_sled : undefined) ||
    cmp(a.error, b.error)
  );
}

/**
 * The task's long-lived bookkeeping: lifetime counters and the request ring buffer. As in omicron,
 * an activation's requests are collected in a `BTreeSet` (sorted, duplicates merged) and appended to
 * the ring buffer when the activation ends, dropping the oldest entries beyond the cap.
 */
export class ReplicationRecorder {
  readonly lifetime: TufArtifactReplicationCounters;
  /** Oldest first. */
  private ringbuf: TufArtifactReplicationRequest[] = [];
  /** This activation's requests, not yet in the ring buffer. */
  private runLog: TufArtifactReplicationRequest[] = [];
  last: TufArtifactReplicationCounters;

  constructor(private readonly withDeletes: boolean) {
    this.lifetime = zeroCounters(withDeletes);
    this.last = zeroCounters(withDeletes);
  }

  beginRun(): void {
    this.last = zeroCounters(this.withDeletes);
    this.runLog = [];
  }

  /** Records one finished request: a counter (every request counts) and a log entry. */
  record(nowMs: number, targetSled: string, op: TufArtifactReplicationOperation, error: string | undefined): void {
    const counter = `${op.operation}_${error === undefined ? 'ok' : 'err'}` as keyof TufArtifactReplicationCounters;
    this.last[counter] = (this.last[counter] ?? 0) + 1;
    this.lifetime[counter] = (this.lifetime[counter] ?? 0) + 1;
    const entry = { time: iso(nowMs), target_sled: targetSled, ...op } as TufArtifactReplicationRequest;
    if (error !== undefined) entry.error = error;
    this.runLog.push(entry);
  }

  /** Ends the activation: its log goes into the ring buffer; returns the status it reports. */
  status(generation: number, localRepos: number): TufArtifactReplicationStatus {
    const log = this.runLog.sort(compareRequests).filter((r, i, all) => i === 0 || compareRequests(all[i - 1], r) !== 0);
    this.runLog = [];
    this.ringbuf.push(...log);
    if (this.ringbuf.length > MAX_REQUEST_DEBUG_BUFFER_LEN) this.ringbuf.splice(0, this.ringbuf.length - MAX_REQUEST_DEBUG_BUFFER_LEN);
    return {
      generation,
      last_run_counters: { ...this.last },
      lifetime_counters: { ...this.lifetime },
      request_debug_ringbuf: [...this.ringbuf], // omicron hands out an Arc snapshot
      local_repos: localRepos,
    };
  }
}
