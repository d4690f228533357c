// Trace events of injected faults: each fault writes one when it starts and when it is healed.
import type { NoData } from '../trace-events.js';

export interface FaultEvents {
  'fault.crash': NoData;
  'fault.restart': NoData;
  /** Everything healed at once (network, DB latency). */
  'fault.healed': NoData;
  'fault.slow': { meanMs: number; net?: boolean; db?: boolean };
  'fault.slow_healed': NoData;
  'fault.db_slow': { maxMs: number };
  'fault.m2-lost': { disk: number };
  /** `from`: cut both ways from these nodes (`node` names the isolated one when the emitter is a
   * script); `to` with `oneWay`: only this node's requests to them vanish. */
  'fault.partition': { from?: string[]; to?: string[]; oneWay?: boolean; node?: string };
  'fault.partition_healed': NoData;
  'fault.bundle_capacity_lost': { durMs: number };
}
