// Trace events of a Nexus process: its start, the sled-agents API it serves, and its background
// task driver (nexus/bgtask/registry.ts).
export interface NexusEvents {
  'nexus.started': { id: string; incarnation: number };
  'nexus.sled_upserted': { sled: string; generation: number };
  'nexus.sled_upsert_rejected': { sled: string; generation: number; error: string };
  'nexus.sled_expunged': { sled: string; previous: string };
  'bgtask.started': { task: string; iteration: number; reason: string };
  'bgtask.completed': { task: string; iteration: number; elapsedMs: number };
}
