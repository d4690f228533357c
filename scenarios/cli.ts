// `pnpm scenario`: list scenarios or run one over one seed or a range. Exit 0 when every invariant
// held in every run, 1 when one was violated, 2 on bad usage.
import { writeFileSync } from 'node:fs';
import { parseCommand, USAGE } from './cli/args.js';
import { formatComparison, formatRun, formatSummary, formatSweepLine, header, reproduceCommand } from './cli/output.js';
import { UsageError } from './cli/usage-error.js';
import { formatMarks } from './marks.js';
import { SCENARIOS } from './registry.js';
import { isWorkloadCommand, workloadCli } from './workload/cli.js';
import type { RunResult } from './runner.js';
import { sweepSeeds } from './cli/sweep.js';

async function main(argv: string[]): Promise<number> {
  if (isWorkloadCommand(argv)) return workloadCli(argv);
  const cmd = parseCommand(argv);
  if (cmd.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (cmd.kind === 'list') {
    for (const s of SCENARIOS) {
      if (cmd.json) {
        console.log(JSON.stringify({ kind: 'scenario', name: s.name, summary: s.summary, variants: s.variants, expected: s.expected, defaults: s.defaults }));
      } else {
        console.log(`${s.name.padEnd(38)} ${s.variants.map((v) => `${v}(${s.expected[v]})`).join(' ')}\n  ${s.summary}`);
      }
    }
    return 0;
  }

  const def = cmd.scenario;
  const single = cmd.seeds.length === 1;
  const byVariant: RunResult[][] = [];
  for (const variant of cmd.variants) {
    if (!cmd.json) console.log(header(def, variant));
    const results = await sweepSeeds(def, {
      seeds: cmd.seeds,
      jobs: cmd.jobs,
      variant,
      sleds: cmd.sleds,
      nexus: cmd.nexus,
      keepTrace: cmd.trace !== undefined,
      dbPath: cmd.db,
      onResult(r: RunResult) {
        if (cmd.trace !== undefined) {
          writeFileSync(cmd.trace, r.trace!.join('\n') + '\n');
          delete r.trace;
        }
        const report = r.report;
        delete r.report;
        if (cmd.json) console.log(JSON.stringify(r));
        else console.log(single ? formatRun(r) : formatSweepLine(r));
        if (single && !cmd.json && report) console.log(`\n${report}`);
      },
    });
    const failed = results.filter((r) => r.verdict === 'fail');
    if (cmd.json) {
      console.log(
        JSON.stringify({
          kind: 'summary',
          ...(cmd.variants.length > 1 ? { variant } : {}),
          runs: results.length,
          failures: failed.length,
          firstFailingSeed: failed[0]?.seed ?? null,
          ...(failed[0] ? { reproduce: reproduceCommand(failed[0], def) } : {}),
        }),
      );
    } else {
      console.log(formatSummary(def, results));
      if (def.reportMarks && !single) console.log(formatMarks(results.map((r) => r.marks)));
      if (isWorkloadCommand([def.name, '--shrink']) && failed[0]) console.log(`shrink: pnpm scenario ${def.name} --shrink --seed ${failed[0].seed} --variant ${variant}`);
    }
    byVariant.push(results);
  }
  if (!cmd.json && cmd.variants.length > 1) console.log(`\n${formatComparison(def, cmd.variants, byVariant)}`);
  return byVariant.some((rs) => rs.some((r) => r.verdict === 'fail')) ? 1 : 0;
}

// `pnpm scenario ... | head` closes stdout early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}`);
      process.exitCode = 2;
    } else {
      console.error(err instanceof Error ? err.stack : err);
      process.exitCode = 3;
    }
  },
);
