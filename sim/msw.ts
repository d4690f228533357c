// msw is the interception boundary. We use msw's own interception engine (@mswjs/interceptors,
// the layer msw's setupServer runs on) directly with one catch-all listener: msw's handler DSL adds
// ~500 µs per request (cookie store, path matching, emitters) that a single route-everything
// handler does not need; `pnpm bench request` measures both. The listener routes each request to
// the fabric named in its header, so several simulated racks can share a process. A request
// without the header (a real fetch from simulated code would be a determinism leak) fails loudly.
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import type { Fabric } from './fabric.js';

export const FABRIC_HEADER = 'x-rack-sim-fabric';

const fabrics = new Map<string, WeakRef<Fabric>>();
let nextFabric = 0;
let interceptor: FetchInterceptor | undefined;

export function registerFabric(f: Fabric): string {
  const id = `f${++nextFabric}`;
  fabrics.set(id, new WeakRef(f));
  return id;
}

export function unregisterFabric(id: string): void {
  fabrics.delete(id);
}

export function ensureInterception(): void {
  if (interceptor) return;
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
  interceptor = i;
}
