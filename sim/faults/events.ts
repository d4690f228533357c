// Trace events of injected faults (sim/faults/control.ts writes each): one when a fault starts, one
// when it is healed, on the node it hits ('db' and 'net' for DB-wide and network-wide faults).
import type { NoData } from '../trace-events.js';
import type { Distribution } from './distribution.js';

export interface FaultEvents {
  'fault.crash': NoData;
  'fault.restart': NoData;
  /** Network and DB healed at once. */
  'fault.healed': NoData;
  'fault.slow': { extra: Distribution; net: boolean; db: boolean };
  'fault.slow_healed': NoData;
  'fault.link_slow': { to: string; latency: Distribution };
  'fault.db_slow': { nodes: string[]; extra: Distribution };
  'fault.db_slow_healed': { nodes: string[] };
  'fault.drops': { probability: number };
  'fault.m2-lost': { disk: number };
  'fault.m2-replaced': { disk: number };
  /** `from`: cut both ways from these nodes; `to` with `oneWay`: only this node's messages to them vanish. */
  'fault.partition': { from?: string[]; to?: string[]; oneWay?: boolean };
  'fault.partition_healed': { from: string[] };
  /** The links between this node and `with` are held both ways: messages wait, not lost. */
  'fault.hold': { with: string[] };
  /** Held links released; `delivered` messages that waited arrive now, in order. */
  'fault.release': { with: string[]; delivered: number };
  /** The workload took the support-bundle capacity away (scenarios/workload/exec.ts). */
  'fault.bundle_capacity_lost': { durMs: number };
  /** ... and for good: no sled can host a bundle through the heal (scenarios/workload/fm-ops.ts). */
  'fault.bundle_capacity_gone': Record<string, never>;
}
