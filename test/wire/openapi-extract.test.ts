// `pnpm openapi:extract`'s cut (trimDocument): only the named operations and the components they
// reach, transitively; a missing operation or a dangling $ref is an error. And the committed copies
// are what the manifest names, from the commits it names.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OMICRON_COMMIT, SERVED, trimDocument } from '../../scenarios/tools/openapi-extract.js';
import { ROOT, run, tempDir } from '../cli/support.js';

const DOC = {
  openapi: '3.0.3',
  info: { title: 't', version: '1.0.0' },
  paths: {
    '/a': { get: { operationId: 'a_get', responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } }, '4XX': { $ref: '#/components/responses/Error' } } } },
    '/b': { put: { operationId: 'b_put', responses: { 204: { description: '' } } } },
  },
  components: {
    schemas: { A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } }, B: { type: 'string' }, Unused: { type: 'integer' }, Error: { type: 'object' } },
    responses: { Error: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
  },
};

describe('openapi:extract', () => {
  it('keeps the named operations and exactly the components they reach', () => {
    const out = trimDocument(DOC, ['a_get'], { path: 'x.json' });
    expect(Object.keys(out.paths)).toEqual(['/a']);
    expect(Object.keys(out.components!.schemas)).toEqual(['A', 'B', 'Error']);
    expect(Object.keys(out.components!.responses)).toEqual(['Error']);
    expect(out.info['x-rack-sim-source']).toEqual({ path: 'x.json' });
  });

  it('refuses an operation the document lacks, and a $ref it cannot resolve', () => {
    expect(() => trimDocument(DOC, ['a_get', 'c_post'], { path: 'x.json' })).toThrow('x.json has no operation c_post');
    const dangling = { ...DOC, components: { ...DOC.components, schemas: { A: DOC.components.schemas.A } } };
    expect(() => trimDocument(dangling, ['a_get'], { path: 'x.json' })).toThrow('unresolvable $ref #/components/schemas/B');
  });

  it('the committed copies hold the manifest’s operations, from the commits it names', () => {
    for (const d of SERVED) {
      const copy = JSON.parse(readFileSync(join(import.meta.dirname, 'openapi', `${d.name}.json`), 'utf8')) as { info: { 'x-rack-sim-source': { commit: string; path: string } }; paths: Record<string, Record<string, { operationId: string }>> };
      const src = copy.info['x-rack-sim-source'];
      expect(src.path, d.name).toBe(d.path);
      expect(src.commit.startsWith(d.commit ?? OMICRON_COMMIT), d.name).toBe(true);
      const ops = Object.values(copy.paths).flatMap((item) => Object.values(item).map((o) => o.operationId));
      expect(ops.sort(), d.name).toEqual([...d.operations].sort());
    }
  });

  it('a source without a document is bad usage (exit 2, one clear line), not a stack trace', () => {
    const script = join(ROOT, 'scenarios', 'tools', 'openapi-extract.ts');
    const first = SERVED.find((d) => d.commit === undefined)!;
    // A checkout with an openapi/ folder but no documents in it.
    const dir = tempDir();
    mkdirSync(join(dir, 'openapi'));
    const fromDir = run(['--check', '--dir', dir], { script });
    expect(fromDir.code).toBe(2);
    expect(fromDir.err).toContain(`${first.path} is not in ${dir}`);
    expect(fromDir.err).not.toMatch(/\n\s+at /);
    // A git directory whose commit lacks the documents.
    const git = tempDir();
    const g = (...args: string[]) => execFileSync('git', ['-C', git, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' }).trim();
    g('init', '-q');
    writeFileSync(join(git, 'README'), 'x');
    g('add', 'README');
    g('commit', '-qm', 'x');
    const head = g('rev-parse', 'HEAD');
    const fromGit = run(['--check', '--mirror', join(git, '.git'), '--commit', head], { script });
    expect(fromGit.code).toBe(2);
    expect(fromGit.err).toContain(`${first.path} is not in ${head}`);
    expect(fromGit.err).not.toMatch(/\n\s+at /);
  });
});
