// The determinism contract: the same seed gives the same trace hash, in one process and across
// processes; different seeds give different interleavings.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rackSmoke } from '../../scenarios/rack-smoke.js';
import { runScenario } from '../../scenarios/runner.js';

const ROOT = join(import.meta.dirname, '..', '..');

function cli(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scenarios', 'cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The order in which requests were sent, as (from, to, path): the interleaving, without timing. */
function interleaving(lines: string[]): string {
  return lines
    .map((l) => JSON.parse(l))
    .filter((e) => e.kind === 'http.sent')
    .map((e) => `${e.node}>${e.to}${e.url.slice(e.url.indexOf('/'))}`)
    .join('\n');
}

describe('determinism', () => {
  it('the same seed gives the same trace, byte for byte, twice in one process', async () => {
    const a = await runScenario(rackSmoke, { seed: 7, keepTrace: true });
    const b = await runScenario(rackSmoke, { seed: 7, keepTrace: true });
    expect(a.trace!.length).toBeGreaterThan(20);
    expect(b.trace).toEqual(a.trace);
    expect(b.traceHash).toBe(a.traceHash);
  });

  it('the same seed gives the same trace hash in a child process', async () => {
    const here = await runScenario(rackSmoke, { seed: 7 });
    const lines = cli(['rack-smoke', '--seed', '7', '--json']).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'run', scenario: 'rack-smoke', seed: 7, traceHash: here.traceHash, events: here.events });
  });

  it('a sweep over worker threads gives each seed the hash it has when run alone', () => {
    const hashes = (jobs: string) =>
      cli(['rack-smoke', '--seeds', '8', '--from', '3', '--jobs', jobs, '--json'])
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((l) => l.kind === 'run')
        .map((l) => `${l.seed}:${l.traceHash}`);
    const pooled = hashes('2');
    expect(pooled).toHaveLength(8);
    expect(pooled).toEqual(hashes('1'));
  });

  it('different seeds give different knobs, timings and interleavings', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map(async (seed) => runScenario(rackSmoke, { seed, keepTrace: true })));
    expect(new Set(runs.map((r) => r.traceHash)).size).toBe(4);
    expect(new Set(runs.map((r) => interleaving(r.trace!))).size).toBeGreaterThan(1);
  });

  it('the seed alone decides the run: the hash does not depend on what ran before in the process', async () => {
    const first = await runScenario(rackSmoke, { seed: 11 });
    await runScenario(rackSmoke, { seed: 12, sleds: 6 });
    const again = await runScenario(rackSmoke, { seed: 11 });
    expect(again.traceHash).toBe(first.traceHash);
  });
});
