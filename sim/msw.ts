// msw is the interception boundary: one process-wide server whose single handler routes each
// request to the fabric named in its header, so several simulated racks can share a process.
// A request without the header (a real fetch from a simulated node would be a determinism leak)
// is refused loudly.
import { http } from 'msw';
import { setupServer } from 'msw/node';
import type { Fabric } from './fabric.js';

export const FABRIC_HEADER = 'x-rack-sim-fabric';

const fabrics = new Map<string, WeakRef<Fabric>>();
let nextFabric = 0;
let server: ReturnType<typeof setupServer> | undefined;

export function registerFabric(f: Fabric): string {
  const id = `f${++nextFabric}`;
  fabrics.set(id, new WeakRef(f));
  return id;
}

export function unregisterFabric(id: string): void {
  fabrics.delete(id);
}

export function ensureInterception(): void {
  if (server) return;
  const s = setupServer(
    http.all('*', ({ request }) => {
      const meta = request.headers.get(FABRIC_HEADER);
      const fabric = meta ? fabrics.get(meta.slice(0, meta.indexOf(' ')))?.deref() : undefined;
      if (!fabric) return Response.error();
      return fabric.handle(request, meta!);
    }),
  );
  s.listen({ onUnhandledRequest: 'error' }); // det-ok: msw interception, opens no socket
  server = s;
}
