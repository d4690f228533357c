// Trace events of the unscripted workload (exec.ts, rack-workload.ts): how many ops it drew, and
// each op's start, skip or failure.
export interface WorkloadEvents {
  'workload.ops': { count: number };
  'workload.op': { index: number; op: string };
  'workload.op_skipped': { index: number; op: string; why: string };
  'workload.op_failed': { index: number; op: string; error: string };
}
