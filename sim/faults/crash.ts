// Node crash and restart: which nodes are down. A crashed node serves nothing (connections are
// refused); the node itself drops what it held in memory and boots again on restart.
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
