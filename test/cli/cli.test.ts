// The CLI contract of ARCHITECTURE.md: exit 0 / 1 / 2, messages that list the valid choices,
// JSON Lines output, --trace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../scenarios/registry.js';
import { run as runArgs, tempDir } from './support.js';

const run = (...args: string[]) => runArgs(args);

describe('pnpm scenario', () => {
  it('lists every scenario with its variants and expected verdicts', () => {
    const r = run('list', '--json');
    expect(r.code).toBe(0);
    const names = r.out.trim().split('\n').map((l) => JSON.parse(l).name);
    expect(names).toEqual(SCENARIOS.map((s) => s.name));
  });

  it('an unknown scenario exits 2 and lists the scenarios', () => {
    const r = run('nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown scenario "nope"');
    for (const s of SCENARIOS) expect(r.err).toContain(s.name);
  });

  it('a bad variant exits 2 and lists the variants', () => {
    const r = run('rack-smoke', '--variant', 'fenced');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown variant "fenced" for rack-smoke; variants: default');
  });

  it.each([
    [['rack-smoke', '--seed', 'x'], '--seed must be a whole number, got "x"'],
    [['rack-smoke', '--seed', '-3'], 'seed'],
    [['rack-smoke', '--seeds', '0'], '--seeds must be between 1'],
    [['rack-smoke', '--sleds', '0'], '--sleds must be between 1'],
    [['rack-smoke', '--nexus', '1.5'], '--nexus must be a whole number'],
    [['rack-smoke', '--seed', '1', '--seeds', '3'], 'give --seed or --seeds, not both'],
    [['rack-smoke', '--from', '3'], '--from goes with --seeds'],
    [['rack-smoke', '--seeds', '2', '--trace', 'x.jsonl'], '--trace writes one run'],
    [['rack-smoke', '--bogus'], "Unknown option '--bogus'"],
    [[], 'no scenario given'],
  ])('bad usage %j exits 2 with a reason', (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('prints the seed and its configuration first, then a verdict per invariant; exit 0 on pass', () => {
    const r = run('rack-smoke', '--seed', '3');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[1]).toMatch(/^seed 3 {2}sleds=4 nexus=2 net_latency_max_ms=\d+/);
    expect(r.out).toMatch(/safety\s+one-outcome-per-request\s+held/);
    expect(r.out).toMatch(/liveness\s+every-sled-reached\s+held/);
    expect(r.out).toMatch(/PASS {2}sim/);
  });

  it('a violated invariant exits 1, names it and prints a command that reproduces it', () => {
    const r = run('zombie-sec', '--variant', 'any-expunged', '--seeds', '3');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/VIOLATED (log-written-by-current-sec|action-in-one-sec)/);
    const repro = /reproduce: pnpm scenario (zombie-sec --seed \d+ --variant any-expunged)/.exec(r.out);
    expect(repro).not.toBeNull();
    const again = run(...repro![1].split(' '), '--json');
    expect(again.code).toBe(1);
    const line = JSON.parse(again.out.split('\n')[0]);
    expect(line.verdict).toBe('fail');
    expect(r.out).toContain(`trace ${line.traceHash.slice(0, 16)}`);
  });

  it('--variant all runs every design over the same seeds and compares them', () => {
    const r = run('zombie-sec', '--variant', 'all', '--seeds', '3', '--json');
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    const runs = lines.filter((l) => l.kind === 'run');
    const variants = ['ready-for-cleanup', 'any-expunged', 'fenced'];
    expect(runs.map((l) => `${l.variant}:${l.seed}`)).toEqual(variants.flatMap((v) => [1, 2, 3].map((seed) => `${v}:${seed}`)));
    const summaries = lines.filter((l) => l.kind === 'summary');
    expect(summaries.map((l) => l.variant)).toEqual(variants);
    expect(summaries[0].failures).toBe(0);
    expect(summaries[2].failures).toBe(0);
    // Same seed, same knobs: the designs differ only in the design under test.
    expect(runs[0].config).toEqual(runs[3].config);
  });

  it('--json prints one run line per seed and a summary', () => {
    const r = run('rack-smoke', '--seeds', '2', '--from', '5', '--json');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual(['run', 'run', 'summary']);
    expect(lines[0]).toMatchObject({ scenario: 'rack-smoke', variant: 'default', seed: 5, verdict: 'pass', violations: [] });
    expect(lines[1].seed).toBe(6);
    for (const k of ['config', 'traceHash', 'simTimeMs', 'wallMs', 'events']) expect(lines[0]).toHaveProperty(k);
    expect(lines[2]).toEqual({ kind: 'summary', runs: 2, failures: 0, firstFailingSeed: null });
  });

  it('--db keeps the run\'s shared database in a SQLite file', async () => {
    const file = join(tempDir(), 'rack.sqlite');
    const r = run('rack-smoke', '--seed', '2', '--sleds', '3', '--db', file);
    expect(r.code).toBe(0);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT ip, port, repo_depot_port FROM sled ORDER BY ip').all();
    db.close();
    expect(rows).toEqual([
      { ip: 'fd00:1122:3344:101::1', port: 12345, repo_depot_port: 12348 },
      { ip: 'fd00:1122:3344:102::1', port: 12345, repo_depot_port: 12348 },
      { ip: 'fd00:1122:3344:103::1', port: 12345, repo_depot_port: 12348 },
    ]);
  });

  it('--trace writes the run\'s trace as JSON Lines whose hash is the run\'s', async () => {
    const file = join(tempDir(), 'trace.jsonl');
    const r = run('rack-smoke', '--seed', '4', '--trace', file, '--json');
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(text).digest('hex')).toBe(JSON.parse(r.out.split('\n')[0]).traceHash);
    expect(JSON.parse(text.split('\n')[0])).toMatchObject({ kind: 'run.config', seed: 4 });
  });
});
