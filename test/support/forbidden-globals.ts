// The determinism lint: core code (sim/, agents/, nexus/) must read time, randomness and the
// network only through the injected seams. A line may opt out with `// det-ok: <reason>`;
// sim/real/ holds the real implementations and is exempt.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const CORE_DIRS = ['sim', 'agents', 'nexus'];

export const FORBIDDEN: readonly { name: string; re: RegExp }[] = [
  { name: 'Math.random', re: /\bMath\.random\s*\(/ },
  { name: 'Date.now', re: /\bDate\.now\s*\(/ },
  { name: 'new Date()', re: /\bnew Date\s*\(\s*\)/ },
  { name: 'performance.now', re: /\bperformance\.now\s*\(/ },
  { name: 'process.hrtime', re: /\bprocess\.hrtime\b/ },
  { name: 'setTimeout', re: /(^|[^.\w])setTimeout\s*\(|globalThis\.setTimeout\b/ },
  { name: 'setInterval', re: /(^|[^.\w])setInterval\s*\(|globalThis\.setInterval\b/ },
  { name: 'setImmediate', re: /(^|[^.\w])setImmediate\s*\(|globalThis\.setImmediate\b/ },
  { name: 'queueMicrotask', re: /(^|[^.\w])queueMicrotask\s*\(/ },
  { name: 'crypto.randomUUID', re: /\brandomUUID\s*\(/ },
  { name: 'crypto.randomBytes', re: /\brandomBytes\s*\(|\bgetRandomValues\s*\(|\brandomInt\s*\(/ },
  { name: 'sockets (node:net/dgram/http/https)', re: /from\s+['"](node:)?(net|dgram|http|https|http2|tls)['"]/ },
  { name: 'fastify.listen', re: /\.listen\s*\(\s*\{/ },
];

export interface Hit {
  file: string;
  line: number;
  name: string;
  text: string;
}

/** Removes comments and string contents so prose never trips the lint (det-ok is read first). */
function codeOnly(line: string, inBlock: { v: boolean }): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    if (inBlock.v) {
      if (line.startsWith('*/', i)) {
        inBlock.v = false;
        i++;
      }
      continue;
    }
    if (line.startsWith('/*', i)) {
      inBlock.v = true;
      i++;
      continue;
    }
    if (line.startsWith('//', i)) break;
    out += line[i];
  }
  return out;
}

export function scanSource(file: string, source: string): Hit[] {
  const hits: Hit[] = [];
  const inBlock = { v: false };
  source.split('\n').forEach((raw, idx) => {
    const code = codeOnly(raw, inBlock);
    if (raw.includes('// det-ok')) return;
    for (const f of FORBIDDEN) if (f.re.test(code)) hits.push({ file, line: idx + 1, name: f.name, text: raw.trim() });
  });
  return hits;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
}

export function scanTree(root: string, dirs: readonly string[] = CORE_DIRS): Hit[] {
  const files: string[] = [];
  for (const d of dirs) walk(join(root, d), files);
  return files
    .map((f) => relative(root, f))
    .filter((f) => !f.startsWith(join('sim', 'real')))
    .flatMap((f) => scanSource(f, readFileSync(join(root, f), 'utf8')));
}
