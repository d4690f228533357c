// What an operator (omdb) does against a Nexus's lockstep API, from its own node on the fabric:
// create and complete demo sagas, read the SEC view, background tasks and the stuck-saga check.
import { NEXUS_LOCKSTEP_PORT, type BackgroundTaskView, type Nexus, type Saga, type StuckSagaReport } from '../nexus/index.js';
import { PROGENITOR_DEFAULT_TIMEOUTS, type Fetch, type NodeContext, type World } from '../sim/index.js';

export const OMDB_NODE = 'omdb';
const OMDB_IP = 'fd00:1122:3344:1::99';

/** The lockstep URL omdb is pointed at (`--nexus-internal-url`, as `omdb nexus` prints it). */
export function lockstepUrl(n: Nexus): string {
  return `http://[${n.ctx.ip}]:${NEXUS_LOCKSTEP_PORT}`;
}

export interface Answer<T> {
  status: number;
  body?: T;
}

export class LockstepClient {
  readonly fetch: Fetch;

  constructor(readonly ctx: NodeContext) {
    this.fetch = ctx.fetch;
  }

  static onWorld(world: World): LockstepClient {
    return new LockstepClient(world.addNode(OMDB_NODE, OMDB_IP));
  }

  private url(n: Nexus, path: string): string {
    return `${lockstepUrl(n)}${path}`;
  }

  private async call<T>(n: Nexus, method: string, path: string, body?: unknown): Promise<Answer<T>> {
    // omdb's lockstep client is progenitor's `Client::new`.
    const res = await this.fetch(this.url(n, path), {
      method,
      timeouts: PROGENITOR_DEFAULT_TIMEOUTS,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as T) : undefined };
  }

  /** Like `call`, but a network failure (partition, crash) is an answer too. */
  async tryCall<T>(n: Nexus, method: string, path: string, body?: unknown): Promise<Answer<T> | { status: 'unreachable'; error: string }> {
    try {
      return await this.call<T>(n, method, path, body);
    } catch (err) {
      return { status: 'unreachable', error: err instanceof Error ? err.message : String(err) };
    }
  }

  async demoCreate(n: Nexus): Promise<{ saga_id: string; demo_saga_id: string }> {
    const a = await this.call<{ saga_id: string; demo_saga_id: string }>(n, 'POST', '/demo-saga');
    if (a.status !== 200 || !a.body) throw new Error(`POST /demo-saga on ${n.name}: ${a.status}`);
    return a.body;
  }

  demoComplete(n: Nexus, demoSagaId: string): Promise<Answer<unknown>> {
    return this.call(n, 'POST', `/demo-saga/${demoSagaId}/complete`);
  }

  saga(n: Nexus, sagaId: string): Promise<Answer<Saga>> {
    return this.call(n, 'GET', `/sagas/${sagaId}`);
  }

  /** Every saga, page by page, as progenitor's `saga_list_stream` reads them. */
  async sagas(n: Nexus): Promise<Saga[]> {
    const out: Saga[] = [];
    let token: string | null = null;
    do {
      const path: string = token === null ? '/sagas' : `/sagas?page_token=${encodeURIComponent(token)}`;
      const page = (await this.call<{ items: Saga[]; next_page?: string | null }>(n, 'GET', path)).body!;
      out.push(...page.items);
      token = page.next_page ?? null;
    } while (token !== null);
    return out;
  }

  async bgtask(n: Nexus, name: string): Promise<BackgroundTaskView> {
    return (await this.call<BackgroundTaskView>(n, 'GET', `/bgtasks/view/${name}`)).body!;
  }

  async activate(n: Nexus, names: string[]): Promise<void> {
    const a = await this.call(n, 'POST', '/bgtasks/activate', { bgtask_names: names });
    if (a.status !== 204) throw new Error(`POST /bgtasks/activate on ${n.name}: ${a.status}`);
  }

  async stuckSagas(n: Nexus): Promise<StuckSagaReport> {
    return (await this.call<StuckSagaReport>(n, 'GET', '/health/stuck-sagas')).body!;
  }

  /** Completes a demo saga, retrying while the SEC does not know the wait yet (a recovered saga
   * registers it only when its action starts waiting). */
  async completeWhenWaiting(n: Nexus, demoSagaId: string, tries = 60, everyMs = 1_000): Promise<void> {
    for (let i = 0; i < tries; i++) {
      const a = await this.demoComplete(n, demoSagaId);
      if (a.status === 204) return;
      if (a.status !== 404) throw new Error(`demo-complete on ${n.name}: ${a.status}`);
      await this.ctx.clock.sleep(everyMs);
    }
    throw new Error(`demo saga ${demoSagaId} never became completable on ${n.name}`);
  }

  /** Polls the SEC view until the saga reaches `state`. */
  async awaitSagaState(n: Nexus, sagaId: string, state: Saga['state']['state'], tries = 120, everyMs = 1_000): Promise<void> {
    let last: number | string = '';
    for (let i = 0; i < tries; i++) {
      const a = await this.saga(n, sagaId);
      last = a.status === 200 ? a.body!.state.state : a.status;
      if (last === state) return;
      await this.ctx.clock.sleep(everyMs);
    }
    throw new Error(`saga ${sagaId} on ${n.name} never reached ${state} (last: ${last})`);
  }

  /** Signals a background task and waits until that activation has completed. */
  async activateAndWait(n: Nexus, name: string, tries = 120, everyMs = 500): Promise<BackgroundTaskView> {
    const iterOf = (v: BackgroundTaskView) => (v.last.last_result === 'completed' ? v.last.details.iteration : 0);
    const before = iterOf(await this.bgtask(n, name));
    await this.activate(n, [name]);
    for (let i = 0; i < tries; i++) {
      await this.ctx.clock.sleep(everyMs);
      const v = await this.bgtask(n, name);
      if (iterOf(v) > before && v.current.current_status === 'idle') return v;
    }
    throw new Error(`${name} on ${n.name} never completed an activation`);
  }
}
