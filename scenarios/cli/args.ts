// Parses the CLI contract of ARCHITECTURE.md with node:util parseArgs (strict: unknown flags are
// usage errors) and validates every value before anything runs.
import { parseArgs } from 'node:util';
import { SCENARIOS, findScenario } from '../registry.js';
import type { ScenarioDef } from '../types.js';
import { UsageError } from './usage-error.js';

export const USAGE = `usage:
  pnpm scenario list [--json]
  pnpm scenario <name> [--seed N | --seeds N [--from S]] [--variant V|all] [--sleds N] [--nexus N]
                       [--json] [--trace FILE] [--db FILE] [--jobs N]`;

export type Command =
  | { kind: 'help' }
  | { kind: 'list'; json: boolean }
  | {
      kind: 'run';
      scenario: ScenarioDef;
      seeds: number[];
      /** One variant, or every variant in turn (`--variant all`: designs side by side, same seeds). */
      variants: string[];
      sleds?: number;
      nexus?: number;
      json: boolean;
      trace?: string;
      db?: string;
      jobs?: number;
    };

function scenarioNames(): string {
  return SCENARIOS.map((s) => s.name).join(', ');
}

function integer(flag: string, text: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`--${flag} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        seed: { type: 'string' },
        seeds: { type: 'string' },
        from: { type: 'string' },
        variant: { type: 'string' },
        sleds: { type: 'string' },
        nexus: { type: 'string' },
        json: { type: 'boolean', default: false },
        trace: { type: 'string' },
        db: { type: 'string' },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { kind: 'help' };
  if (positionals.length === 0) throw new UsageError(`no scenario given; scenarios: ${scenarioNames()}\n${USAGE}`);
  if (positionals.length > 1) throw new UsageError(`one scenario at a time, got: ${positionals.join(' ')}`);
  const name = positionals[0];
  if (name === 'list') return { kind: 'list', json: v.json ?? false };
  const scenario = findScenario(name);
  if (!scenario) throw new UsageError(`unknown scenario "${name}"; scenarios: ${scenarioNames()}`);

  const variant = v.variant ?? scenario.variants[0];
  if (variant !== 'all' && !scenario.variants.includes(variant)) {
    throw new UsageError(`unknown variant "${variant}" for ${name}; variants: ${scenario.variants.join(', ')} (or all)`);
  }
  const variants = variant === 'all' ? [...scenario.variants] : [variant];
  if (v.seed !== undefined && v.seeds !== undefined) throw new UsageError('give --seed or --seeds, not both');
  if (v.from !== undefined && v.seeds === undefined) throw new UsageError('--from goes with --seeds');
  const seed = integer('seed', v.seed, 0);
  const count = integer('seeds', v.seeds, 1, 1_000_000);
  const from = integer('from', v.from, 0) ?? 1;
  const seeds = count === undefined ? [seed ?? 1] : Array.from({ length: count }, (_, i) => from + i);
  if (v.trace !== undefined && (seeds.length > 1 || variants.length > 1)) throw new UsageError('--trace writes one run: use it with --seed and one variant');
  if (v.db !== undefined && (seeds.length > 1 || variants.length > 1)) throw new UsageError('--db keeps one run\'s database: use it with --seed and one variant');
  const lim = scenario.limits ?? {};
  const sleds = integer('sleds', v.sleds, lim.minSleds ?? 1, lim.maxSleds ?? 4096);
  const nexus = integer('nexus', v.nexus, lim.minNexus ?? 1, lim.maxNexus ?? 16);
  const jobs = integer('jobs', v.jobs, 1, 256);
  return { kind: 'run', scenario, seeds, variants, sleds, nexus, json: v.json ?? false, trace: v.trace, db: v.db, jobs };
}
