import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayout } from '../support/layout.js';

const ROOT = join(import.meta.dirname, '..', '..');

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'rack-sim-layout-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, dirname(path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const TYPES = { 'agents/types/index.ts': 'export interface Wire { a: number }\nexport type * from "./more.js";\n', 'agents/types/more.ts': 'export type V = "1.0.0";\n' };

describe('layout: nexus and agents meet only on the wire', () => {
  it('holds for this tree', () => {
    expect(checkLayout(ROOT)).toEqual([]);
  });

  it('accepts type-only imports of agents/types from nexus', () => {
    const root = tree({
      ...TYPES,
      'nexus/a.ts': "import type { Wire } from '../agents/types/index.js';\nimport { type V } from '../agents/types/more.js';\nexport type X = Wire | V;\n",
    });
    expect(checkLayout(root)).toEqual([]);
  });

  it.each([
    ['a value import of agents/types', "import { Wire } from '../agents/types/index.js';", 'nexus imports agents/types/ without `import type`'],
    ['a type import from elsewhere in agents', "import type { SledAgent } from '../agents/sled-agent.js';", 'nexus imports from agents/ outside agents/types/'],
    ['a re-export of agents code', "export { SledAgent } from '../agents/index.js';", 'nexus imports from agents/ outside agents/types/'],
    ['a dynamic import', "export const m = () => import('../agents/index.js');", 'nexus imports from agents/ outside agents/types/'],
  ])('flags %s in nexus/', (_what, line, rule) => {
    const root = tree({ ...TYPES, 'nexus/bad.ts': `${line}\n` });
    expect(checkLayout(root).map((h) => h.rule)).toEqual([rule]);
  });

  it('flags agents importing nexus, a value in agents/types and a cycle in agents', () => {
    const root = tree({
      ...TYPES,
      'agents/types/consts.ts': "export const VERSION = '48.0.0';\n",
      'agents/client.ts': "import type { X } from '../nexus/x.js';\nexport type Y = X;\n",
      'agents/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'agents/b.ts': "import type { a } from './a.js';\nexport const b = 1 as unknown as typeof a;\n",
      'nexus/x.ts': 'export type X = 1;\n',
    });
    expect(checkLayout(root).map((h) => [h.file, h.rule])).toEqual([
      ['agents/client.ts', 'agents imports nexus/ or scenarios/'],
      ['agents/types/consts.ts', 'agents/types/ declares a value'],
      ['agents/a.ts', 'import cycle in agents/'],
    ]);
  });
});
