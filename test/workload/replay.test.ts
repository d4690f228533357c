// A failing seed shrinks to a small reproducer, and the reproducer replays deterministically: in a
// separate process through the CLI it breaks the same invariant with the same trace hash as when
// it was written, and as an in-process run of the same file. The shrink runs here, on today's
// model, so the check never goes stale; the committed fixture is the same file, as an example
// (regenerate: pnpm scenario rack-workload --shrink --seed 3 --variant send-before-insert
// --out test/workload/fixtures/send-before-insert-seed3.json --force).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readReproducer, writeReproducer } from '../../scenarios/workload/reproducer.js';
import { runWorkload, shrinkSeed } from '../../scenarios/workload/shrink.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('rack-workload reproducer replay', () => {
  it('is small and replays in a separate process to the same violation and trace hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rack-sim-replay-'));
    const fixture = join(dir, 'send-before-insert-seed3.json');
    writeReproducer(fixture, await shrinkSeed({ seed: 3, variant: 'send-before-insert', budgetMs: 120_000 }));
    const rep = readReproducer(fixture);
    expect(rep.invariant).toBe('no-total-loss');
    expect(rep.ops.length).toBeLessThanOrEqual(12);
    expect(rep.ops.length).toBeLessThan(rep.originalOps);

    let out = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scenarios/cli.ts', 'rack-workload', '--replay', fixture, '--json'], { cwd: root, encoding: 'utf8' });
    } catch (err) {
      out = String((err as { stdout?: string }).stdout); // exit 1: the run failed, as it should
    }
    const child = JSON.parse(out.trim().split('\n').pop()!) as { verdict: string; traceHash: string; violations: { invariant: string }[]; replay: { same: boolean } };
    expect(child.verdict).toBe('fail');
    expect(child.violations[0].invariant).toBe(rep.invariant);
    expect(child.traceHash).toBe(rep.traceHash);
    expect(child.replay.same).toBe(true);

    const here = await runWorkload(rep.seed, rep.variant, rep.sleds, rep.nexus, rep.ops);
    expect(here.traceHash).toBe(child.traceHash);
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
