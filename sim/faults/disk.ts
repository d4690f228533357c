// Disk loss (an M.2 dies). sim/ knows disks only by index; the sled agent decides what a dead disk
// means for its store.
import type { DiskState } from '../types.js';

export class DiskFaults {
  private readonly failedDisks = new Set<string>();

  fail(node: string, disk: number): void {
    this.failedDisks.add(`${node}#${disk}`);
  }

  repair(node: string, disk: number): void {
    this.failedDisks.delete(`${node}#${disk}`);
  }

  forNode(node: string): DiskState {
    return { failed: (disk) => this.failedDisks.has(`${node}#${disk}`) };
  }
}
