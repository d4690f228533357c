// One `pnpm scenario <name>` command: check every output path first, print the seed and knobs
// before the run, run (one seed in this process, a sweep on the worker pool), write the outputs,
// and end with the verdict and violations. Ctrl-C during a sweep stops it and prints the partial
// summary (exit 130).
import { renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { runScenario, type RunResult } from '../runner.js';
import { renderTimeline } from '../timeline/render.js';
import type { RunCommand } from './args.js';
import { lockDb } from './db-lock.js';
import { checkKeepDir, keepRun } from './keep.js';
import { formatMarks } from '../marks.js';
import { formatComparison, formatRunEnd, formatRunStart, formatSummary, formatSweepLine, header, reproduceCommand } from './output.js';
import { checkOutput, DB_MARKER_TABLE, tempSibling, writeAtomic } from './paths.js';
import { progress } from './progress.js';
import { sweepSeeds } from './sweep.js';

export const INTERRUPTED = 130;

/** Marks a kept database as rack-sim's (so a later run may replace it) and moves it into place. */
function finishDb(tmp: string, file: string, r: RunResult): void {
  const db = new Database(tmp);
  db.exec(`CREATE TABLE ${DB_MARKER_TABLE} (scenario TEXT, variant TEXT, seed INTEGER, config TEXT, trace_hash TEXT)`);
  db.prepare(`INSERT INTO ${DB_MARKER_TABLE} VALUES (?, ?, ?, ?, ?)`).run(r.scenario, r.variant, r.seed, JSON.stringify(r.config), r.traceHash);
  db.close();
  renameSync(tmp, file);
  rmSync(`${file}-journal`, { force: true });
}

export async function runCommand(cmd: RunCommand): Promise<number> {
  const def = cmd.scenario;
  // Everything that could refuse is checked before a single event runs.
  for (const kind of ['trace', 'html', 'db'] as const) if (cmd[kind]) checkOutput(kind, cmd[kind]!, cmd.force);
  if (cmd.keep) checkKeepDir(cmd.keep);
  if (cmd.db) lockDb(cmd.db);
  for (const n of cmd.notes) console.error(n);

  const single = cmd.seeds.length === 1 && cmd.variants.length === 1 && !cmd.shard;
  const wantTrace = single && (cmd.trace !== undefined || cmd.html !== undefined || cmd.keep !== undefined);
  const tmpDb = cmd.db ? tempSibling(cmd.db, 'db') : undefined;
  const cleanup = () => tmpDb && rmSync(tmpDb, { force: true });
  process.once('exit', cleanup);
  const out = (line: string) => (cmd.json ? console.error(line) : bar.log(line));
  const total = cmd.seeds.length * cmd.variants.length;
  const bar = progress(total);

  const abort = new AbortController();
  const onSigint = () => {
    if (!single && !abort.signal.aborted) {
      abort.abort(); // the sweep stops after the runs in hand; a second Ctrl-C ends at once
      return;
    }
    bar.stop();
    console.error('interrupted');
    process.exit(INTERRUPTED);
  };
  process.on('SIGINT', onSigint);

  const byVariant: RunResult[][] = [];
  let interrupted = false;
  try {
    for (const variant of cmd.variants) {
      if (!cmd.json) bar.log(header(def, variant) + (single ? '' : `  seeds ${cmd.seeds[0]}..${cmd.seeds[cmd.seeds.length - 1]}${cmd.shard ? ` (shard ${cmd.shard.k}/${cmd.shard.n})` : ''}`));
      const results = await sweepSeeds(def, {
        seeds: cmd.seeds,
        jobs: cmd.jobs,
        variant,
        sleds: cmd.sleds,
        nexus: cmd.nexus,
        keepTrace: wantTrace,
        dbPath: tmpDb,
        signal: abort.signal,
        onStart: single
          ? (config, world) => {
              if (!cmd.json) bar.log(formatRunStart(cmd.seeds[0], config));
              bar.follow(world);
            }
          : undefined,
        onResult(r: RunResult) {
          bar.seedDone(r.verdict === 'fail');
          const { trace, report, ...line } = r;
          if (cmd.json) console.log(JSON.stringify(line));
          else if (!single) bar.log(formatSweepLine(r));
          if (!single) return;
          bar.stop();
          if (!cmd.json && report) console.log(report + '\n');
          if (tmpDb) {
            finishDb(tmpDb, cmd.db!, r);
            out(`wrote ${cmd.db}`);
          }
          if (cmd.trace) {
            writeAtomic(cmd.trace, trace!.join('\n') + '\n');
            out(`wrote ${cmd.trace}`);
          }
          if (cmd.html) {
            writeAtomic(cmd.html, renderTimeline(r, trace!));
            out(`wrote ${cmd.html}`);
          }
          if (cmd.keep) out(`kept ${keepRun(cmd.keep, r, trace!, textReport(r, report), reproduceCommand(r, def))}`);
          if (!cmd.json) console.log(formatRunEnd(r));
        },
      });
      bar.stop();
      interrupted = results.length < cmd.seeds.length;
      const failed = results.filter((r) => r.verdict === 'fail');
      if (cmd.keep && !single) {
        // Workers do not ship traces back; a failing seed is re-run here to keep it, and must
        // come out the same (else that is a determinism bug: exit 3).
        for (const f of failed) {
          const again = await runScenario(def, { seed: f.seed, variant, sleds: cmd.sleds, nexus: cmd.nexus, keepTrace: true });
          if (again.traceHash !== f.traceHash) throw new Error(`seed ${f.seed} re-run for --keep gave trace ${again.traceHash}, the sweep ${f.traceHash}: nondeterminism`);
          out(`kept ${keepRun(cmd.keep, again, again.trace!, textReport(again, again.report), reproduceCommand(again, def))}`);
        }
      }
      if (cmd.json) {
        console.log(
          JSON.stringify({
            kind: 'summary',
            ...(cmd.variants.length > 1 ? { variant } : {}),
            ...(cmd.shard ? { shard: `${cmd.shard.k}/${cmd.shard.n}` } : {}),
            ...(interrupted ? { interrupted: true } : {}),
            runs: results.length,
            failures: failed.length,
            firstFailingSeed: failed[0]?.seed ?? null,
            ...(failed[0] ? { reproduce: reproduceCommand(failed[0], def) } : {}),
          }),
        );
      } else if (!single || interrupted) {
        console.log(formatSummary(def, results, interrupted ? cmd.seeds.length : undefined));
        if (def.reportMarks) console.log(formatMarks(results.map((r) => r.marks)));
        if (def.name === 'rack-workload' && failed[0]) console.log(`shrink: pnpm scenario ${def.name} --shrink --seed ${failed[0].seed} --variant ${variant}`);
      }
      byVariant.push(results);
      if (interrupted) break;
    }
  } finally {
    process.off('SIGINT', onSigint);
    bar.stop();
  }
  if (interrupted) return INTERRUPTED;
  if (!cmd.json && cmd.variants.length > 1) console.log(`\n${formatComparison(def, cmd.variants, byVariant)}`);
  return byVariant.some((rs) => rs.some((r) => r.verdict === 'fail')) ? 1 : 0;
}

function textReport(r: RunResult, report: string | undefined): string {
  return [formatRunStart(r.seed, r.config), ...(report ? [report] : []), formatRunEnd(r)].join('\n');
}
