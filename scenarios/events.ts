// Trace events of the harness: the run's knobs, script steps, invariant violations, the rack being
// ready, a scenario's schema migration, and rack-smoke's probes.
import type { Knobs } from './types.js';

export interface RunEvents {
  'run.config': { scenario: string; seed: number; sleds: number; nexus: number; variant: string; knobs: Knobs };
  'script.step': { step: string };
  'invariant.violated': { invariant: string; message: string };
  'rack.ready': { sleds: number; nexus: number };
  'db.migrated': { column: string; default: number | null };
  'smoke.depot_answer': { sled: string; port: number; status: number; body: string };
  'smoke.probe_failed': { sled: string; attempt: number; error: string };
}
