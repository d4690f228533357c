// The simulated network. Core code calls `fetch`; msw intercepts the request (sim/msw.ts) and hands
// it here. The fabric asks the net policy (latency, drop, partition) what happens on each leg,
// schedules delivery on the virtual clock, and delivers to the app registered at [ip]:port with
// fastify's `inject`. No sockets. Core code's `fetch` seam skips msw and hands the fabric a light
// request (no WHATWG Request, headers or body streams per leg): same routing, same trace, proven
// by test/determinism/request-paths.test.ts running every scenario both ways. No sockets. While a request is outside the event queue (in msw, in undici,
// inside the app) the fabric holds the scheduler, so quiescence is known, not guessed.
import type { LinkHold } from './faults/hold.js';
import type { NetPolicy } from './faults/policy.js';
import { refused, reset, timedOut, errorCode } from './net-errors.js';
import type { Scheduler } from './scheduler.js';
import { effectiveDeadlines } from './client-timeouts.js';
import type { Fetch, FetchInit, Injectable, Rng, TraceEvent } from './types.js';
import { fullResponse, lightResponse, type Answer } from './light-response.js';
import { ensureInterception, FABRIC_HEADER, registerFabric, unregisterFabric } from './msw.js';

interface Endpoint {
  node: string;
  app: Injectable;
}

interface InFlight {
  release: () => void;
  failure?: Error;
}

export class Fabric {
  readonly id: string;
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly nodeByIp = new Map<string, string>();
  private readonly inflight = new Map<number, InFlight>();
  private nextReq = 0;
  /** Per node, how to fail each request it is serving now (its handler is under a hold). */
  private readonly serving = new Map<string, Set<() => void>>();

  constructor(
    private readonly sched: Scheduler,
    private readonly emit: (ev: TraceEvent) => void,
    private readonly policy: NetPolicy,
    private readonly rng: Rng,
    /** Held links (sim/faults/hold.ts): each leg's arrival waits there while its link is held. */
    private readonly holds?: LinkHold,
  ) {
    ensureInterception();
    this.id = registerFabric(this);
  }

  /** Stops routing this fabric's requests (the world is done). */
  close(): void {
    unregisterFabric(this.id);
  }

  /** The node at an address, as the fabric routes it (the address itself if none). */
  nodeAt(ip: string): string {
    return this.nodeByIp.get(ip) ?? ip;
  }

  addHost(node: string, ip: string): void {
    this.nodeByIp.set(ip, node);
  }

  listen(node: string, ip: string, port: number, app: Injectable): void {
    this.endpoints.set(`[${ip}]:${port}`, { node, app });
  }

  /**
   * Stops serving every address of `node` (crash). Requests it was serving fail now with a reset,
   * as a killed process's sockets do, and their holds are dropped: a Nexus handler never resumes
   * (its Lifetime drops what it awaited), a sled's resumes to no effect (its work is tied to the
   * boot it started in), and a client without a deadline is not left waiting for ever.
   */
  unlistenNode(node: string): void {
    for (const [addr, ep] of this.endpoints) if (ep.node === node) this.endpoints.delete(addr);
    this.sched.abandon(node);
    const served = this.serving.get(node);
    this.serving.delete(node);
    for (const fail of served ?? []) fail();
  }

  /** A leg arriving on from → to: delivered now, or later if the link is held. */
  private arrive(from: string, to: string, deliver: () => void): void {
    if (this.holds) this.holds.arrive(from, to, deliver);
    else deliver();
  }

  /** The `fetch` a node's code uses. */
  fetchFor(node: string): Fetch {
    return (url: string, init?: FetchInit) => this.send(node, url, init);
  }

  private async send(from: string, url: string, init: FetchInit = {}): Promise<Response> {
    const id = ++this.nextReq;
    const unpark = this.sched.park(); // a handler awaiting this request lets the clock run
    const entry: InFlight = { release: this.sched.hold() };
    this.inflight.set(id, entry);
    const d = effectiveDeadlines(init.timeouts);
    try {
      const light = requestPath === 'light' ? lightRequest(url, init) : undefined;
      if (light) {
        // msw hands a GET to the fabric synchronously, and one with a body after reading it: 8
        // microtask turns (3 for no body). The light path waits as many, so every request enters
        // the network at the same point among the caller's other work as through msw; the
        // request-paths test fails if an msw or undici upgrade changes that.
        if (light.payload !== undefined) for (let k = init.body == null ? 3 : 8; k > 0; k--) await undefined;
        const outcome = await this.deliver(entry, id, from, light, { ...d, requestMs: d.requestMs ?? null }, true);
        if (outcome instanceof Error) throw outcome;
        return outcome;
      }
      const headers = new Headers(init.headers);
      headers.set(FABRIC_HEADER, `${this.id} ${id} ${from} ${d.connectMs} ${d.lostAnswerMs} ${d.requestMs ?? 'none'}`);
      // The response body is already in memory: reading it later is pure microtask work.
      return await fetch(url, { method: init.method, body: init.body, headers });
    } catch (err) {
      throw entry.failure ?? err;
    } finally {
      this.inflight.delete(id);
      entry.release();
      unpark();
    }
  }

  /** Called by the msw handler for every intercepted request carrying this fabric's header. */
  async handle(request: Request, meta: string): Promise<Response> {
    const [, idText, from, connectText, lostText, requestText] = meta.split(' ');
    const id = Number(idText);
    const entry = this.inflight.get(id);
    if (!entry) return Response.error();
    const url = new URL(request.url);
    const payload = request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      if (k !== FABRIC_HEADER) headers[k] = v;
    });
    const d = { connectMs: Number(connectText), lostAnswerMs: Number(lostText), requestMs: requestText === 'none' ? null : Number(requestText) };
    // A failure travels to msw's caller as a network error; send() rethrows the one on the entry.
    return this.deliver(entry, id, from, { method: request.method, url, headers, payload }, d, false) as Promise<Response>;
  }

  /**
   * The network's part of a request, whichever way it came in: trace it, route each leg, deliver
   * it to the app on the virtual clock. Resolves with the response, or the error the client sees
   * (recorded on the entry too, for the msw path, where it travels as a network error).
   */
  private deliver(
    entry: InFlight,
    id: number,
    from: string,
    req: LightRequest,
    d: { connectMs: number; lostAnswerMs: number; requestMs: number | null },
    light: boolean,
  ): Promise<Response | Error> {
    const { url, headers, payload } = req;
    const addr = url.host;
    const port = url.port === '' ? 80 : Number(url.port);
    const ip = url.hostname.replace(/^\[|\]$/g, '');
    const to = this.nodeAt(ip);
    headers.host = addr; // as on the wire: apps serving several addresses route on it
    const path = url.pathname + url.search;
    const sentAt = this.sched.now;
    // There is no connection model: a request lost on the way (or to a partitioned node) fails
    // when the connect gives up, a lost answer when the request timer or TCP does, and the
    // client's request timer fires on its own while the server still works.
    const connectTimeoutMs = d.connectMs;
    const timeoutMs = d.requestMs;
    const connectDeadline = sentAt + connectTimeoutMs;
    const lostAnswerDeadline = sentAt + d.lostAnswerMs;
    this.emit({ t: sentAt, node: from, kind: 'http.sent', req: id, to, method: req.method, url: `${addr}${path}`, timeoutMs, connectTimeoutMs });

    return new Promise<Response | Error>((resolve) => {
      let settled = false;
      const settle = (outcome: Answer | Error) => {
        if (settled) return; // the request timer came first, or the answer did
        settled = true;
        timer?.cancel();
        entry.release = this.sched.hold(); // until the caller has the response in hand
        if (!(outcome instanceof Error)) {
          this.emit({ t: this.sched.now, node: from, kind: 'http.response', req: id, status: outcome.status });
          resolve(light ? lightResponse(outcome, url.href) : fullResponse(outcome));
        } else {
          entry.failure = outcome;
          this.emit({ t: this.sched.now, node: from, kind: 'http.failed', req: id, error: errorCode(outcome) });
          resolve(light ? outcome : Response.error());
        }
      };
      const finish = (at: number, outcome: Answer | Error) => {
        if (!settled) this.sched.at(at, () => settle(outcome));
      };
      const timer = timeoutMs === null ? undefined : this.sched.at(sentAt + timeoutMs, () => settle(timedOut()));

      const out = this.policy.route({ from, to, leg: 'req', bytes: payload?.length ?? 0 }, this.rng);
      if (!out.deliver) {
        this.emit({ t: sentAt, node: from, kind: 'net.lost', req: id, leg: 'req', reason: out.reason });
        finish(connectDeadline, timedOut());
      } else {
        this.sched.after(out.delayMs, () => this.arrive(from, to, () => {
          const ep = this.endpoints.get(`[${ip}]:${port}`);
          if (!ep) {
            const back = this.policy.route({ from: to, to: from, leg: 'resp', bytes: 0 }, this.rng);
            finish(back.deliver ? this.sched.now + back.delayMs : connectDeadline, back.deliver ? refused(url.href) : timedOut());
            return;
          }
          let crashed = false;
          const served = this.serving.get(to) ?? this.serving.set(to, new Set()).get(to)!;
          const failOnCrash = () => {
            crashed = true;
            finish(this.sched.now, reset(url.href));
          };
          served.add(failOnCrash);
          this.sched
            .holdWhile(() => ep.app.inject({ method: req.method, url: path, headers, payload }), to)
            .then(
              (res) => {
                served.delete(failOnCrash);
                if (crashed) return;
                if (this.endpoints.get(`[${ip}]:${port}`) !== ep) {
                  finish(this.sched.now, reset(url.href));
                  return;
                }
                const back = this.policy.route({ from: to, to: from, leg: 'resp', bytes: res.rawPayload.length }, this.rng);
                if (!back.deliver) {
                  this.emit({ t: this.sched.now, node: to, kind: 'net.lost', req: id, leg: 'resp', reason: back.reason });
                  finish(lostAnswerDeadline, timedOut());
                  return;
                }
                const ct = res.headers['content-type'];
                const answer: Answer = { status: res.statusCode, contentType: ct === undefined ? undefined : String(ct), body: res.rawPayload };
                // One that would arrive after the request timer has fired is settled by the timer.
                if (!settled) this.sched.at(this.sched.now + back.delayMs, () => this.arrive(to, from, () => settle(answer)));
              },
              (err) => {
                served.delete(failOnCrash);
                if (!crashed) finish(this.sched.now, err instanceof Error ? err : new Error(String(err)));
              },
            );
        }));
      }
      entry.release();
    });
  }
}

/** A request as the fabric needs it: what fastify's `inject` takes, and the parsed address. */
interface LightRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  payload: Buffer | undefined;
}

/** Which way core code's requests enter the fabric: directly ('light'), or through global fetch
 * and msw's interception ('msw', the boundary any other code goes through). Same semantics. */
export type RequestPath = 'light' | 'msw';
let requestPath: RequestPath = 'light';

export function setRequestPath(p: RequestPath): RequestPath {
  const before = requestPath;
  requestPath = p;
  return before;
}

/**
 * `init` as undici's Request would present it to msw: method upper-cased, header names lower-cased
 * and sorted, a string body's default content-type. Bodies other than a string or bytes (streams,
 * forms, blobs) return undefined and take the msw path, which knows them all.
 */
const NORMALIZED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

function lightRequest(url: string, init: FetchInit): LightRequest | undefined {
  const given = init.method ?? 'GET';
  const method = NORMALIZED.has(given.toUpperCase()) ? given.toUpperCase() : given; // as fetch's spec says
  const body = init.body;
  let payload: Buffer | undefined;
  if (method === 'GET' || method === 'HEAD') payload = undefined;
  else if (body === undefined || body === null) payload = Buffer.alloc(0);
  else if (typeof body === 'string') payload = Buffer.from(body, 'utf8');
  else if (ArrayBuffer.isView(body)) payload = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  else if (body instanceof ArrayBuffer) payload = Buffer.from(body);
  else return undefined;
  const raw: Record<string, string> = {};
  const add = (k: string, v: string) => {
    const name = k.toLowerCase();
    raw[name] = raw[name] === undefined ? v.trim() : `${raw[name]}, ${v.trim()}`; // as Headers.append
  };
  const h = init.headers;
  if (h instanceof Headers) h.forEach((v, k) => (raw[k] = v));
  else if (Array.isArray(h)) for (const [k, v] of h) add(k, v);
  else if (h) for (const k of Object.keys(h)) add(k, String((h as Record<string, string>)[k]));
  if (typeof body === 'string' && method !== 'GET' && method !== 'HEAD' && raw['content-type'] === undefined) raw['content-type'] = 'text/plain;charset=UTF-8';
  const headers: Record<string, string> = {};
  for (const k of Object.keys(raw).sort()) headers[k] = raw[k];
  return { method, url: new URL(url), headers, payload };
}
