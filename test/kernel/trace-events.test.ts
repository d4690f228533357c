// Typed trace events: an emit site is checked against its kind's payload (the @ts-expect-error
// lines fail `pnpm typecheck` if a wrong payload ever compiles), and a listener narrows on `kind`.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/index.js';
import { world } from '../support/world.js';

describe('typed trace events', () => {
  it('an emit is checked per kind, and a listener narrows with a switch on kind', () => {
    const w = world();
    const node = w.addNode('nexus-0', 'fd00::1');
    const seen: string[] = [];
    w.trace.subscribe((ev: TraceEvent) => {
      switch (ev.kind) {
        case 'saga.created':
          seen.push(`${ev.saga} by ${ev.sec}`); // string fields, no casts
          return;
        case 'fault.m2-lost':
          seen.push(`disk ${ev.disk + 1}`); // a number field
          return;
        default:
          return;
      }
    });
    node.trace('saga.created', { saga: 's1', sec: 'n0', name: 'demo', incarnation: 1 });
    w.emit('sled-0', 'fault.m2-lost', { disk: 0 });
    // @ts-expect-error: no such kind
    node.trace('saga.craeted', { saga: 's1', sec: 'n0', name: 'demo' });
    // @ts-expect-error: a field of the payload is missing
    node.trace('saga.created', { saga: 's1', name: 'demo' });
    // @ts-expect-error: a field of the wrong type
    w.emit('sled-0', 'fault.m2-lost', { disk: '0' });
    // What the checker would have judged had those compiled:
    expect(seen).toEqual(['s1 by n0', 'disk 1', 's1 by undefined', 'disk 01']);
    w.close();
  });
});
