// `pnpm scenario`: list scenarios, run one over one seed or a range, or merge shards' results.
// Exit 0 when every invariant held in every run, 1 when one was violated, 2 on bad usage or
// configuration, 3 on a bug in rack-sim, 130 when interrupted.
import { parseCommand } from './cli/args.js';
import { helpText } from './cli/help.js';
import { mergeShards } from './cli/merge.js';
import { runCommand } from './cli/run.js';
import { UsageError } from './cli/usage-error.js';
import { SCENARIOS } from './registry.js';
import { SeedCrash } from './cli/sweep.js';
import { isWorkloadCommand, workloadCli } from './workload/cli.js';

async function main(argv: string[]): Promise<number> {
  // rack-workload's --shrink and --replay (scenarios/workload/cli.ts) take their own flags.
  if (isWorkloadCommand(argv)) return workloadCli(argv);
  const cmd = parseCommand(argv);
  if (cmd.kind === 'help') {
    console.log(helpText());
    return 0;
  }
  if (cmd.kind === 'merge') return mergeShards(cmd.files, cmd.json);
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
  return runCommand(cmd);
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
    } else if (err instanceof SeedCrash) {
      // Other seeds' lines are already out; say which seed to re-run alone to see the bug.
      const cause = err.cause instanceof Error ? err.cause.stack : String(err.cause);
      console.error(`error: ${err.message}\n${cause}\nreproduce: pnpm scenario ${err.scenario} --seed ${err.seed}${err.variant ? ` --variant ${err.variant}` : ''}`);
      process.exitCode = 3;
    } else {
      console.error(err instanceof Error ? err.stack : err);
      process.exitCode = 3;
    }
  },
);
