// The layout rule (README, "Layout"): scenarios → nexus, agents → sim. nexus/ and agents/ are two
// programs that meet only on the wire, so nexus takes nothing from agents/ but `import type` from
// agents/types/ (the wire types, declarations only), agents/ takes nothing from nexus/, and
// agents/types/ holds no values a type-only import would miss. Imports are read with the
// TypeScript parser, so comments and strings never count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface LayoutHit {
  file: string;
  rule: string;
  text: string;
}

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
  text: string;
}

function tsFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(join(root, p)).isDirectory() ? tsFiles(root, p) : n.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports and re-exports of one file, resolved to repo-relative paths (`.js` → `.ts`). */
function edges(root: string, file: string): Edge[] {
  const src = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Edge[] = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean, node: ts.Node) => {
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) return;
    const to = relative(root, resolve(root, dirname(file), spec.text.replace(/\.js$/, '.ts')));
    out.push({ from: file, to, typeOnly, text: node.getText(src).split('\n')[0] });
  };
  for (const s of src.statements) {
    if (ts.isImportDeclaration(s)) {
      const c = s.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      // `import { type A, type B }` loads the module at run time only if some specifier is a value.
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(s.moduleSpecifier, typeOnly, s);
    } else if (ts.isExportDeclaration(s)) {
      add(s.moduleSpecifier, s.isTypeOnly, s);
    }
  }
  ts.forEachChild(src, function visit(n) {
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) add(n.arguments[0], false, n);
    ts.forEachChild(n, visit);
  });
  return out;
}

const under = (path: string, dir: string) => path === dir || path.startsWith(dir + sep) || path.startsWith(dir + '/');

/** Statements of agents/types/ that would exist at run time (anything but types and re-exports of types). */
function valueStatements(root: string, file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  return src.statements
    .filter((s) => !(ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ((ts.isExportDeclaration(s) || ts.isImportDeclaration(s)) && isTypeOnlyModuleStatement(s))))
    .map((s) => s.getText(src).split('\n')[0]);
}

function isTypeOnlyModuleStatement(s: ts.ExportDeclaration | ts.ImportDeclaration): boolean {
  return ts.isExportDeclaration(s) ? s.isTypeOnly : !!s.importClause?.isTypeOnly;
}

/** Import cycles among `dir`'s modules (type imports included: a cycle of types is a cycle of design). */
function cycles(all: Edge[], dir: string): string[] {
  const next = new Map<string, string[]>();
  for (const e of all) if (under(e.from, dir) && under(e.to, dir)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of next.get(n) ?? []) {
      if (state.get(m) === 'open') found.push([...stack.slice(stack.indexOf(m)), m].join(' → '));
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...next.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

export function checkLayout(root: string): LayoutHit[] {
  const hits: LayoutHit[] = [];
  const agentTypes = join('agents', 'types');
  const all = ['agents', 'nexus'].flatMap((d) => tsFiles(root, d)).flatMap((f) => edges(root, f));
  for (const e of all) {
    if (under(e.from, 'nexus') && under(e.to, 'agents')) {
      if (!under(e.to, agentTypes)) hits.push({ file: e.from, rule: 'nexus imports from agents/ outside agents/types/', text: e.text });
      else if (!e.typeOnly) hits.push({ file: e.from, rule: 'nexus imports agents/types/ without `import type`', text: e.text });
    }
    if (under(e.from, 'agents') && (under(e.to, 'nexus') || under(e.to, 'scenarios'))) hits.push({ file: e.from, rule: 'agents imports nexus/ or scenarios/', text: e.text });
  }
  for (const f of tsFiles(root, agentTypes)) for (const text of valueStatements(root, f)) hits.push({ file: f, rule: 'agents/types/ declares a value', text });
  for (const c of cycles(all, 'agents')) hits.push({ file: c.split(' → ')[0], rule: 'import cycle in agents/', text: c });
  return hits;
}
