// Held links (turmoil's `hold`/`release`): a message that arrives on a held directed link is not
// delivered; it waits in that link's queue until the link is released, then every waiting message
// is delivered at once, in the order it arrived. Unlike a partition nothing is lost, and unlike
// latency the delay is not fixed when the message is sent: it ends when the scenario says. The
// fabric passes each leg's arrival through `arrive` (sim/fabric.ts). A client's own timers still
// run while its request or answer is held, so a held answer can come after the client gave up.
export class LinkHold {
  private readonly queues = new Map<string, Array<() => void>>();

  /** Holds the directed link from → to (a link already held keeps its queue). */
  hold(from: string, to: string): void {
    if (!this.queues.has(key(from, to))) this.queues.set(key(from, to), []);
  }

  isHeld(from: string, to: string): boolean {
    return this.queues.has(key(from, to));
  }

  /** Lets from → to deliver again; returns how many held messages were delivered (in order). */
  release(from: string, to: string): number {
    const q = this.queues.get(key(from, to));
    if (!q) return 0;
    this.queues.delete(key(from, to));
    for (const deliver of q) deliver();
    return q.length;
  }

  /** Releases every held link (in the order they were held); returns the messages delivered. */
  releaseAll(): number {
    let n = 0;
    for (const k of [...this.queues.keys()]) {
      const [from, to] = k.split('>');
      n += this.release(from, to);
    }
    return n;
  }

  /** A message arrives on from → to: delivered now, or queued while the link is held. */
  arrive(from: string, to: string, deliver: () => void): void {
    const q = this.queues.get(key(from, to));
    if (q) q.push(deliver);
    else deliver();
  }

  get active(): boolean {
    return this.queues.size > 0;
  }
}

const key = (from: string, to: string) => `${from}>${to}`;
