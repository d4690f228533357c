// Every request gets exactly one outcome (a response or a failure), never two, and none is left
// hanging past its client's deadline. Reads only the fabric's trace events.
import type { TraceEvent } from '../../sim/index.js';
import type { Invariant } from '../types.js';

export function oneOutcomePerRequest(now: () => number): Invariant {
  // A client without a request timeout (timeoutMs null) may wait on a slow server for ever.
  const open = new Map<number, { sentAt: number; timeoutMs: number }>();
  const closed = new Set<number>();
  return {
    name: 'one-outcome-per-request',
    kind: 'safety',
    description: 'every HTTP request gets exactly one outcome, by its deadline',
    onEvent(ev: TraceEvent) {
      if (ev.kind === 'http.sent') {
        open.set(ev.req, { sentAt: ev.t, timeoutMs: ev.timeoutMs ?? Infinity });
      } else if (ev.kind === 'http.response' || ev.kind === 'http.failed') {
        const { req } = ev;
        if (closed.has(req)) return `request ${req} got a second outcome (${ev.kind})`;
        const o = open.get(req);
        if (!o) return `outcome ${ev.kind} for request ${req} that was never sent`;
        if (ev.t > o.sentAt + o.timeoutMs) return `request ${req} answered after its ${o.timeoutMs}ms deadline`;
        open.delete(req);
        closed.add(req);
      }
      return undefined;
    },
    atEnd() {
      for (const [req, o] of open) {
        if (now() > o.sentAt + o.timeoutMs) return `request ${req} (sent at ${o.sentAt}) never got an outcome`;
      }
      return undefined;
    },
  };
}

/** Which (client node, server node, port) triples got an HTTP response: reachability from the trace. */
export class Reachability {
  private readonly sent = new Map<number, { from: string; to: string; port: number }>();
  readonly reached = new Set<string>();

  observe(ev: TraceEvent): void {
    if (ev.kind === 'http.sent') {
      const { url } = ev;
      this.sent.set(ev.req, { from: ev.node, to: ev.to, port: Number(url.slice(url.lastIndexOf(']:') + 2).split('/')[0]) });
    } else if (ev.kind === 'http.response') {
      const s = this.sent.get(ev.req);
      if (s) this.reached.add(`${s.from}>${s.to}:${s.port}`);
    }
  }

  has(from: string, to: string, port: number): boolean {
    return this.reached.has(`${from}>${to}:${port}`);
  }
}

/**
 * What each Nexus's depot probe got back, from the probe's `smoke.depot_answer` events. Only the
 * 404 the repo-depot API gives for a missing artifact proves the depot answered: omicron's
 * sled-agent `artifact_store::Error::NotFound` ("Artifact {sha256} not found", a 4xx whose message
 * dropshot shows). Any other 404 (a wrong route, a host that serves no sled) proves nothing.
 */
export class DepotAnswers {
  private readonly answers = new Map<string, { status: number; body: string }>();
  /** The internal messages of the 404s each server node logged (dropshot hides them from clients). */
  private readonly logged404 = new Map<string, Set<string>>();

  observe(ev: TraceEvent): void {
    if (ev.kind === 'sled.http-error' && ev.status === 404) {
      let s = this.logged404.get(ev.node);
      if (!s) this.logged404.set(ev.node, (s = new Set()));
      s.add(ev.message);
      return;
    }
    if (ev.kind !== 'smoke.depot_answer') return;
    this.answers.set(`${ev.node}>${ev.sled}:${ev.port}`, { status: ev.status, body: ev.body });
  }

  /**
   * Undefined if `nexus` got the depot API's missing-artifact 404 for `sha256` from `sled`'s depot
   * port; else why not. dropshot shows every 404 as "Not Found", a router's too, so the depot's own
   * answer is told by what the server (node `sledNode`) logged: omicron's artifact store
   * `Error::NotFound` text.
   */
  missingArtifact404(nexus: string, sled: string, port: number, sha256: string, sledNode: string): string | undefined {
    const a = this.answers.get(`${nexus}>${sled}:${port}`);
    if (!a) return 'no answer';
    let message: unknown;
    try {
      message = (JSON.parse(a.body) as { message?: unknown }).message;
    } catch {
      message = undefined;
    }
    if (a.status === 404 && message === 'Not Found' && this.logged404.get(sledNode)?.has(`Artifact ${sha256} not found`)) return undefined;
    return `answered ${a.status} ${a.body.slice(0, 80)}`;
  }
}
