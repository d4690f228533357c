// `pnpm rack upload-repo --version V [--nexus-external-url URL] [--artifacts N] [--seed S]
// [--rack-dir DIR] [--json]`: builds a generated TUF-like repo (nexus/tuf/repo-zip.ts says what the
// zip holds) and PUTs it to a Nexus's external API, as `oxide system update repo upload` does.
// The Nexus is the first nexus-external line of <rack-dir>/services.json unless given. Prints the
// `TufRepoUpload` answer as a few lines (or its JSON with --json). Exit 2 on bad input (as clap),
// 1 when the upload fails (the server's error, or no answer).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRepo } from '../../nexus/index.js';
import { parseVersion, SemverError } from '../../sim/index.js';
import { UpdateApiError, UpdateClient } from '../update-operator.js';
import { UsageError } from './flags.js';

export interface UploadFlags {
  version: string;
  url?: string;
  artifacts: number;
  seed: number;
  dir: string;
  json: boolean;
}

const USAGE = 'usage: rack upload-repo --version V [--nexus-external-url URL] [--artifacts N] [--seed S] [--rack-dir DIR] [--json]';

export function parseUploadFlags(argv: readonly string[]): UploadFlags {
  const f: Partial<UploadFlags> & { artifacts: number; seed: number; dir: string; json: boolean } = { artifacts: 8, seed: 0, dir: '.rack', json: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--json') {
      f.json = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value; ${USAGE}`);
    const int = (min: number, max = Number.MAX_SAFE_INTEGER) => {
      if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`${flag}: expected an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
      return Number(value);
    };
    switch (flag) {
      case '--version':
        try {
          parseVersion(value);
        } catch (e) {
          if (e instanceof SemverError) throw new UsageError(`invalid value '${value}' for '--version <VERSION>': ${e.message}`);
          throw e;
        }
        f.version = value;
        break;
      case '--nexus-external-url':
        if (!/^https?:\/\//.test(value) || !URL.canParse(value)) throw new UsageError(`invalid value '${value}' for '--nexus-external-url <URL>': expected http://host:port`);
        f.url = value.replace(/\/+$/, '');
        break;
      case '--artifacts': f.artifacts = int(1, 1000); break; // each is held in memory and zipped
      case '--seed': f.seed = int(0); break;
      case '--rack-dir': f.dir = value; break;
      default: throw new UsageError(`unknown flag ${flag}; ${USAGE}`);
    }
  }
  if (f.version === undefined) throw new UsageError(`--version is required; ${USAGE}`);
  return f as UploadFlags;
}

function externalUrl(dir: string): string {
  const file = join(dir, 'services.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`no --nexus-external-url and no ${file} (is \`pnpm rack up\` running?)`);
  }
  let line: { api?: string; url?: string } | undefined;
  try {
    line = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { api?: string; url?: string }).find((l) => l.api === 'nexus-external');
  } catch (e) {
    throw new UsageError(`${file} is not the JSON lines \`pnpm rack up\` writes (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!line?.url) throw new UsageError(`no nexus-external service in ${file}`);
  return line.url;
}

/** Runs the upload; returns the exit status. */
export async function uploadRepoMain(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let f: UploadFlags;
  let url: string;
  try {
    f = parseUploadFlags(argv);
    url = f.url ?? externalUrl(f.dir);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`error: ${e.message}`);
    return 2;
  }
  const repo = generateRepo({ seed: f.seed, systemVersion: f.version, artifacts: f.artifacts });
  try {
    const up = await new UpdateClient((u, init) => fetch(u, init)).uploadRepo(url, repo);
    if (f.json) out(JSON.stringify(up));
    else {
      out(`${up.status === 'inserted' ? 'uploaded' : 'already uploaded'} repository ${up.repo.system_version} to ${url}`);
      out(`  status:        ${up.status}`);
      out(`  file name:     ${up.repo.file_name}`);
      out(`  hash:          ${up.repo.hash}`);
      out(`  time created:  ${up.repo.time_created}`);
      out(`  artifacts:     ${repo.artifacts.length}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UpdateApiError) {
      err(`error: upload of ${f.version} to ${url} failed: ${e.status}${e.body?.error_code ? ` ${e.body.error_code}` : ''}: ${e.body?.message ?? ''}`);
      return 1;
    }
    err(`error: upload of ${f.version} to ${url} failed: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`);
    return 1;
  }
}
