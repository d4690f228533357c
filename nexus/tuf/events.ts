// Trace events of TUF artifact replication (activate-v1.ts, activate-generation.ts) and repository
// upload (upload.ts): what one activation read, how it ended, and which local repos it dropped.
export interface TufEvents {
  'tuf.config_read': { generation: number; artifacts: number; sleds: number };
  /** One activation's end: `aborted` (a sled has a newer generation), `done` or `error`. */
  'tuf.activation': {
    design: string;
    outcome: 'done' | 'aborted' | 'error';
    generation?: number;
    reason?: string;
    puts?: number;
    copies?: number;
    deletes?: number;
  };
  'tuf.local_dropped': { repo: string };
  'tuf.upload_started': { repo: string; artifacts: number; order: string };
  'tuf.repo_inserted': { repo: string; generation: number; existed: boolean };
  /** The external API took an upload's body (nexus/api/update-routes.ts), before unpacking it. */
  'tuf.upload_received': { repo: string; bytes: number; file_name: string };
  /** tuf_repo_pruner marked a repo pruned (nexus/tuf/pruner.ts). */
  'tuf.repo_pruned': { repo: string; by: string };
}
