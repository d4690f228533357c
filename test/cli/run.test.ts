// What a user sees: the seed and knobs first and the verdict last, --help, no progress noise off a
// terminal, Ctrl-C's partial summary, --keep folders, and sharded sweeps merged.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUN_FLAGS } from '../../scenarios/cli/flags.js';
import { SCENARIOS } from '../../scenarios/registry.js';
import { run, start, tempDir } from './support.js';

describe('output order', () => {
  it('a failing run prints the seed and knobs first and ends with the verdict and violation', () => {
    const r = run(['zombie-sec', '--seed', '1', '--variant', 'any-expunged']);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^scenario zombie-sec {2}variant any-expunged/);
    expect(lines[1]).toMatch(/^seed 1 {2}sleds=0 nexus=2 /);
    expect(lines[lines.length - 1]).toMatch(/^ {2}VIOLATED action-in-one-sec at t=/);
    const fail = lines.findIndex((l) => l.startsWith('FAIL '));
    const report = lines.findIndex((l) => l.includes('(report taken at'));
    expect(report).toBeGreaterThan(1);
    expect(fail).toBeGreaterThan(report); // the omdb text comes before the verdict, not after
    expect(r.out).not.toContain('reproduce:'); // the command just typed
  });
});

describe('--help', () => {
  it.each([['--help'], ['help'], ['-h']])('%s prints every flag with its default, the exit statuses, the scenarios and examples', (arg) => {
    const r = run([arg]);
    expect(r.code).toBe(0);
    for (const f of RUN_FLAGS) {
      expect(r.out).toContain(`--${f.name}`);
      if (f.default) expect(r.out).toContain(`(default: ${f.default})`);
    }
    for (const code of ['0 ', '1 ', '2 ', '3 ', '130 ']) expect(r.out).toMatch(new RegExp(`^ {2}${code}`, 'm'));
    for (const s of SCENARIOS) expect(r.out).toContain(s.name);
    expect(r.out).toContain('examples:');
  });
});

describe('progress', () => {
  it('nothing extra on stderr when it is not a terminal', () => {
    const r = run(['rack-smoke', '--seeds', '3', '--jobs', '1']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });
});

describe('Ctrl-C', () => {
  it('during a sweep prints the partial summary with the first failing seed and exits 130', async () => {
    const p = start(['zombie-sec', '--variant', 'any-expunged', '--seeds', '2000']);
    let out = '';
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => {
      p.stdout.on('data', (d) => {
        out += d;
        if (/VIOLATED/.test(out) && !p.killed) p.kill('SIGINT');
      });
      p.on('close', (c) => resolve(c));
    });
    expect(err).toBe('');
    expect(code).toBe(130);
    const m = /interrupted: (\d+) of 2000 run\(s\) done, (\d+) failed/.exec(out);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeLessThan(2000);
    expect(Number(m![2])).toBeGreaterThan(0);
    expect(out).toMatch(/first failing seed \d+: /);
    expect(out).toMatch(/reproduce: pnpm scenario zombie-sec --seed \d+ --variant any-expunged\n/);
  }, 60_000);
});

describe('--keep', () => {
  it('keeps a folder per failing seed with trace, run.json, report, timeline and repro.sh', () => {
    const dir = join(tempDir(), 'kept'); // created by the run
    const r = run(['zombie-sec', '--variant', 'any-expunged', '--seeds', '3', '--keep', dir, '--json']);
    expect(r.code).toBe(1);
    const runs = r.out.trim().split('\n').map((l) => JSON.parse(l)).filter((l) => l.kind === 'run');
    const failing = runs.filter((l) => l.verdict === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(readdirSync(dir).sort()).toEqual(failing.map((l) => `zombie-sec-any-expunged-seed-${l.seed}`).sort());
    for (const f of failing) {
      const folder = join(dir, `zombie-sec-any-expunged-seed-${f.seed}`);
      expect(readdirSync(folder).sort()).toEqual(['report.txt', 'repro.sh', 'run.json', 'timeline.html', 'trace.jsonl']);
      const kept = JSON.parse(readFileSync(join(folder, 'run.json'), 'utf8'));
      expect(kept).toMatchObject({ seed: f.seed, verdict: 'fail', traceHash: f.traceHash, config: f.config });
      expect(kept.violations.map((v: { invariant: string }) => v.invariant)).toEqual(f.violations.map((v: { invariant: string }) => v.invariant));
      expect(readFileSync(join(folder, 'repro.sh'), 'utf8')).toContain(`pnpm scenario zombie-sec --seed ${f.seed} --variant any-expunged`);
      expect(readFileSync(join(folder, 'report.txt'), 'utf8')).toContain('VIOLATED');
      expect(readFileSync(join(folder, 'timeline.html'), 'utf8')).toContain('violation-marker');
    }
    expect(r.err).toContain(`kept ${dir}/zombie-sec-any-expunged-seed-`);
  });
});

describe('--shard and merge', () => {
  it('shards of a sweep merge into the summary the whole sweep gives, with its exit status', () => {
    const dir = tempDir();
    const args = ['zombie-sec', '--variant', 'any-expunged', '--seeds', '6', '--from', '3', '--json', '--jobs', '1'];
    const whole = run(args);
    const files = [1, 2, 3].map((k) => {
      const r = run([...args, '--shard', `${k}/3`]);
      const file = join(dir, `shard-${k}.jsonl`);
      writeFileSync(file, r.out);
      return file;
    });
    const merged = run(['merge', ...files, '--json']);
    const wholeSummary = JSON.parse(whole.out.trim().split('\n').pop()!);
    expect(merged.code).toBe(whole.code);
    expect(JSON.parse(merged.out)).toEqual(wholeSummary);
    expect(wholeSummary.runs).toBe(6);
    // Relative names from the caller's directory, human output.
    const text = run(['merge', 'shard-1.jsonl', 'shard-2.jsonl', 'shard-3.jsonl'], { env: { INIT_CWD: dir } });
    expect(text.code).toBe(whole.code);
    expect(text.out).toContain('6 run(s)');
  });

  it('overlapping, unfinished or foreign files are bad input (exit 2)', () => {
    const dir = tempDir();
    const shard = run(['rack-smoke', '--seeds', '2', '--shard', '1/2', '--json']).out;
    writeFileSync(join(dir, 'a.jsonl'), shard);
    writeFileSync(join(dir, 'cut.jsonl'), shard.split('\n')[0] + '\n');
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const overlap = run(['merge', join(dir, 'a.jsonl'), join(dir, 'a.jsonl')]);
    expect(overlap.code).toBe(2);
    expect(overlap.err).toContain('the shards overlap');
    const cut = run(['merge', join(dir, 'cut.jsonl')]);
    expect(cut.code).toBe(2);
    expect(cut.err).toContain('has no summary line: its shard did not finish');
    const foreign = run(['merge', join(dir, 'notes.txt')]);
    expect(foreign.code).toBe(2);
    expect(foreign.err).toContain('is not JSON');
    expect(existsSync(join(dir, 'missing.jsonl'))).toBe(false);
    expect(run(['merge', join(dir, 'missing.jsonl')]).code).toBe(2);
  });
});
