// A Nexus incarnation's in-memory TUF state: repos being uploaded, the upload -> task channel
// (omicron: `mpsc::channel(16)`) and the task's local repos (`self.local`). All of it dies with the
// incarnation, as in omicron. Checkers read it to count "Nexus local" copies.
import { simWait } from '../../sim/index.js';
import type { NexusProcess } from '../process.js';
import type { TufRepository } from './repo.js';
import { ReplicationRecorder } from './status.js';
import type { UploadOrder } from './upload.js';

/** omicron `nexus/src/app/mod.rs`: `mpsc::channel(16)`. */
export const LOCAL_CHANNEL_CAPACITY = 16;

/** A bounded channel: `send` waits while full (the upload handler blocks, as omicron's does, until
 * the task drains); `tryRecv` drains without waiting. */
export class RepoChannel {
  private readonly items: TufRepository[] = [];
  private readonly waiters: Array<() => void> = [];

  get length(): number {
    return this.items.length;
  }

  async send(repo: TufRepository): Promise<void> {
    while (this.items.length >= LOCAL_CHANNEL_CAPACITY) await simWait((wake) => this.waiters.push(wake));
    this.items.push(repo);
  }

  tryRecv(): TufRepository | undefined {
    const repo = this.items.shift();
    if (repo) this.waiters.shift()?.();
    return repo;
  }

  peekAll(): readonly TufRepository[] {
    return this.items;
  }
}

export class TufState {
  /** Repos unpacked by an upload handler that has not yet handed them to the task. */
  readonly uploading = new Set<TufRepository>();
  readonly channel = new RepoChannel();
  /** The task's `self.local`. */
  local: TufRepository[] = [];
  readonly recorder: ReplicationRecorder;
  /** The order this Nexus's upload handler inserts and hands off in (a design under test). */
  uploadOrder: UploadOrder = 'insert-then-send';

  constructor(withDeletes: boolean) {
    this.recorder = new ReplicationRecorder(withDeletes);
  }

  /** Every repo this incarnation holds anywhere (for checkers and the liveness check). */
  heldRepos(): TufRepository[] {
    return [...this.uploading, ...this.channel.peekAll(), ...this.local];
  }
}

const KEY = 'tuf';

export function tufState(p: NexusProcess, withDeletes = false): TufState {
  return p.local(KEY, () => new TufState(withDeletes));
}
