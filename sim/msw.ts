// msw is the interception boundary. We use msw's own interception engine (@mswjs/interceptors,
// the layer msw's setupServer runs on) directly with one catch-all listener: msw's handler DSL adds
// ~500 µs per request (cookie store, path matching, emitters) that a single route-everything
// handler does not need; `pnpm bench request` measures both. The listener routes each request to
// the fabric named in its header, so several simulated racks can share a process. A request
// without the header (a real fetch from simulated code would be a determinism leak) fails loudly.
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import type { Fabric } from './fabric.js';

export const FABRIC_HEADER = 'x-rack-sim-fabric';

// The registry lives on globalThis, not in module scope: a second copy of this module (vi.doMock
// and resetModules load one) must share the fabric ids and the one listener, or two copies both
// number fabrics from f1 and the first listener answers requests meant for the other copy's fabric.
interface Registry {
  fabrics: Map<string, WeakRef<Fabric>>;
  nextFabric: number;
  interceptor?: FetchInterceptor;
}
const REGISTRY = Symbol.for('rack-sim.msw-registry');
const registry: Registry = ((globalThis as { [REGISTRY]?: Registry })[REGISTRY] ??= { fabrics: new Map(), nextFabric: 0 });
const fabrics = registry.fabrics;

export function registerFabric(f: Fabric): string {
  const id = `f${++registry.nextFabric}`;
  fabrics.set(id, new WeakRef(f));
  return id;
}

export function unregisterFabric(id: string): void {
  fabrics.delete(id);
}

export function ensureInterception(): void {
  if (registry.interceptor) return;
  const i = new FetchInterceptor();
  i.apply();
  i.on('request', async ({ request, controller }) => {
    const meta = request.headers.get(FABRIC_HEADER);
    const fabric = meta ? fabrics.get(meta.slice(0, meta.indexOf(' ')))?.deref() : undefined;
    if (!fabric) {
      controller.errorWith(new Error(`rack-sim: ${request.method} ${request.url} is outside every simulated fabric; no real network in a simulated run`));
      return;
    }
    controller.respondWith(await fabric.handle(request, meta!));
  });
  registry.interceptor = i;
}
