import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSource, scanTree } from '../support/forbidden-globals.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('determinism lint', () => {
  it('finds no real time, randomness or sockets in sim/, agents/, nexus/', () => {
    const hits = scanTree(ROOT);
    expect(hits.map((h) => `${h.file}:${h.line} ${h.name}: ${h.text}`)).toEqual([]);
  });

  it.each([
    ['Math.random', 'const x = Math.random();'],
    ['Date.now', 'const t = Date.now();'],
    ['new Date()', 'const d = new Date();'],
    ['performance.now', 'performance.now()'],
    ['setTimeout', 'setTimeout(() => {}, 10);'],
    ['setTimeout', 'globalThis.setTimeout(f)'],
    ['setInterval', 'const h = setInterval(tick, 5);'],
    ['setImmediate', 'await new Promise((r) => setImmediate(r));'],
    ['crypto.randomUUID', "import { randomUUID } from 'node:crypto'; randomUUID();"],
    ['crypto.randomBytes', 'const b = randomBytes(16);'],
    ['sockets (node:net/dgram/http/https)', "import net from 'node:net';"],
    ['fastify.listen', 'await app.listen({ port: 0 });'],
  ])('flags %s', (name, line) => {
    expect(scanSource('agents/x.ts', line).map((h) => h.name)).toContain(name);
  });

  it('allows the seams: injected clocks, dated timestamps, comments, det-ok lines', () => {
    const ok = [
      'await ctx.clock.sleep(5);',
      'this.sched.setTimeout(fn, 3);',
      'const d = new Date(ms).toISOString();',
      '// never call Math.random() here',
      'setTimeout(fn, ms) { // det-ok: xstate Clock method',
    ].join('\n');
    expect(scanSource('nexus/y.ts', ok)).toEqual([]);
  });

  it('fails the suite when a forbidden global is planted in core code', () => {
    const root = mkdtempSync(join(tmpdir(), 'rack-sim-lint-'));
    for (const d of ['sim', 'agents', 'nexus']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'nexus', 'bad.ts'), 'export const when = () => Date.now();\n');
    writeFileSync(join(root, 'agents', 'fine.ts'), 'export const x = 1;\n');
    const hits = scanTree(root);
    rmSync(root, { recursive: true, force: true }); // tests leave no temp dirs behind
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ file: join('nexus', 'bad.ts'), name: 'Date.now' });
  });

});
