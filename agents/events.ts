// Trace events of a sled agent: its artifact store (agents/artifact-store.ts, delete-reconciler.ts),
// its registration with Nexus (nexus-notifier.ts) and its HTTP errors.
export interface AgentEvents {
  'artifact.config': { generation: number; count: number };
  'artifact.stored': { sha256: string; disk: number };
  'artifact.copy-failed': { sha256: string; reason: string };
  'artifact.removed': { sha256: string; disk: number; why: 'delete' | 'disk-lost' | 'reconciler' };
  'sled.started': { sled_id: string; protocol: string };
  'sled.depot-failing': { on: boolean };
  'sled.http-error': { status: number; message: string };
  'sled.decommissioned': { nexus: string };
  'sled.registered': { sled_id: string; nexus: string; attempt: number; generation: number; sent: boolean };
  'sled.register-retry': { nexus: string; attempt: number; outcome: string };
  'sled.register-failed': { nexus: string; tries: number };
}
