// Node crash and restart. A crashed node serves nothing (connections are refused) and loses what
// it held in memory; the world calls the node's own restart hook to bring it back.
export interface Crashable {
  /** Drops in-memory state and stops serving. */
  crash(): void;
  /** Boots again from durable state. */
  restart(): Promise<void> | void;
}

export class CrashState {
  private readonly down = new Set<string>();

  isDown(node: string): boolean {
    return this.down.has(node);
  }

  markDown(node: string): void {
    this.down.add(node);
  }

  markUp(node: string): void {
    this.down.delete(node);
  }

  get downNodes(): string[] {
    return [...this.down].sort();
  }
}
