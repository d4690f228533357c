// The fabric registry and the one interception listener live on globalThis, not in sim/msw.ts's
// module scope: a second copy of the module (vi.resetModules + a fresh import, as the oracle-bites
// mutant tests do) must neither restart the fabric ids nor add a second listener, or a request for
// one copy's fabric is answered by the other copy's fabric that took the same id.
import { describe, expect, it, vi } from 'vitest';
import type { Fabric } from '../../sim/fabric.js';

const fake = (name: string) => ({ handle: async () => Response.json({ name }) }) as unknown as Fabric;

describe('msw registry across module copies', () => {
  it('routes each request to its own fabric when two copies of sim/msw.ts are loaded', async () => {
    const a = await import('../../sim/msw.js');
    vi.resetModules();
    const b = await import('../../sim/msw.js');
    expect(b).not.toBe(a); // two module instances, as under vi.doMock/resetModules

    const fa = fake('a');
    const fb = fake('b');
    a.ensureInterception();
    const idA = a.registerFabric(fa);
    b.ensureInterception();
    const idB = b.registerFabric(fb);
    try {
      expect(idB).not.toBe(idA);
      const ask = async (id: string) =>
        (await (await fetch('http://[fd00::1]:1/who', { headers: { [a.FABRIC_HEADER]: `${id} 0 t 1 1 none` } })).json()).name;
      expect(await ask(idA)).toBe('a');
      expect(await ask(idB)).toBe('b');
      b.unregisterFabric(idA); // either copy unregisters from the one registry
      await expect(ask(idA)).rejects.toThrow();
      expect(await ask(idB)).toBe('b');
    } finally {
      a.unregisterFabric(idA);
      a.unregisterFabric(idB);
    }
  });
});
