// The saga_recovery task's status (nexus/saga-recovery/src/status.rs), serialized as omicron's
// serde does: LastPass is externally tagged ("NeverStarted" | {Failed} | {Success}).

export const DEBUGGING_HISTORY_CAP = 128;

export interface RecoverySuccess {
  time: string;
  saga_id: string;
}

export interface RecoveryFailure {
  time: string;
  saga_id: string;
  current_sec: string | null;
  kind: 'transient' | 'permanent';
  message: string;
}

export interface LastPassSuccess {
  nfound: number;
  nrecovered: number;
  nfailed: number;
  nskipped: number;
  nremoved: number;
}

export type LastPass = 'NeverStarted' | { Failed: { message: string } } | { Success: LastPassSuccess };

export interface RecoveryReport {
  recent_recoveries: RecoverySuccess[];
  recent_failures: RecoveryFailure[];
  last_pass: LastPass;
  ntotal_recovered: number;
  ntotal_failures: number;
  ntotal_started: number;
  ntotal_finished: number;
  ntotal_sec_errors_missing: number;
  ntotal_sec_errors_bad_state: number;
}

export function emptyReport(): RecoveryReport {
  return {
    recent_recoveries: [],
    recent_failures: [],
    last_pass: 'NeverStarted',
    ntotal_recovered: 0,
    ntotal_failures: 0,
    ntotal_started: 0,
    ntotal_finished: 0,
    ntotal_sec_errors_missing: 0,
    ntotal_sec_errors_bad_state: 0,
  };
}

/** DebuggingHistory: keeps the most recent `cap` entries. */
export function pushCapped<T>(ring: T[], item: T, cap = DEBUGGING_HISTORY_CAP): void {
  ring.push(item);
  if (ring.length > cap) ring.splice(0, ring.length - cap);
}
