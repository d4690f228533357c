// `pnpm rack up` flags; a bad flag is a usage error (exit 2), as clap does.
export interface RackFlags {
  sleds: number;
  nexus: number;
  db: string;
  periodScale: number;
  dir: string;
}

export class UsageError extends Error {}

export function parseRackFlags(argv: readonly string[]): RackFlags {
  const [cmd, ...rest] = argv;
  if (cmd !== 'up') throw new UsageError(`unknown command ${JSON.stringify(cmd ?? '')}; usage: rack up [--sleds N] [--nexus N] [--db FILE] [--period-scale X] | rack upload-repo --version V [--nexus-external-url URL]`);
  const f: RackFlags = { sleds: 3, nexus: 3, db: '.rack/rack.sqlite', periodScale: 1, dir: '.rack' };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    i++;
    const int = (min: number) => {
      if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`${flag}: expected an integer >= ${min}, got ${JSON.stringify(value)}`);
      return Number(value);
    };
    switch (flag) {
      case '--sleds': f.sleds = int(1); break;
      case '--nexus': f.nexus = int(1); break;
      case '--db': f.db = value; break;
      case '--dir': f.dir = value; break;
      case '--period-scale': {
        const x = Number(value);
        if (!Number.isFinite(x) || x <= 0) throw new UsageError(`--period-scale: expected a positive number, got ${JSON.stringify(value)}`);
        f.periodScale = x;
        break;
      }
      default: throw new UsageError(`unknown flag ${flag}`);
    }
  }
  return f;
}
