// A live node on the loopback: every node shares ::1, so the well-known port a service asks for
// (omicron's fixed Nexus ports, common/src/address.rs) is mapped to a port of its own. A sled's
// waits can be shrunk (`--period-scale`: retries, copies, the delete reconciler); the clock's now()
// stays real, so Nexus gets the scale as task periods instead (NexusOptions.bgtaskPeriodScale).
import { RealClock } from './clock.js';
import { RealNode } from './node.js';
import type { Injectable } from '../types.js';

export class ScaledClock extends RealClock {
  constructor(private readonly scale: number) {
    super();
  }

  override sleep(ms: number): Promise<void> {
    return super.sleep(ms * this.scale);
  }

  override setTimeout(fn: (...args: any[]) => void, ms: number): any {
    return super.setTimeout(fn, ms * this.scale);
  }
}

export class LoopbackNode extends RealNode {
  override readonly clock: RealClock;

  constructor(
    name: string,
    private readonly ports: ReadonlyMap<number, number>,
    periodScale = 1,
  ) {
    super(name, '::1');
    this.clock = periodScale === 1 ? new RealClock() : new ScaledClock(periodScale);
  }

  override listen(port: number, app: Injectable): void {
    super.listen(this.ports.get(port) ?? port, app);
  }
}
