// `pnpm rack upload-repo`'s bad input: a clear message and exit status 2, before any request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uploadRepoMain } from '../../scenarios/live/upload-repo.js';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await uploadRepoMain(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('rack upload-repo refuses bad input with exit status 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'upload-repo-'));
  writeFileSync(join(dir, 'services.json'), '{"kind":"service","api":"nexus-external","url":"http://[::1]:1"\n');
  it.each([
    [['--version', '18.0.0', '--nexus-external-url', 'http://[::1'], /invalid value 'http:\/\/\[::1' for '--nexus-external-url <URL>'/],
    [['--version', 'eighteen', '--nexus-external-url', 'http://[::1]:1'], /invalid value 'eighteen' for '--version <VERSION>'/],
    [['--version', '18.0.0', '--nexus-external-url', 'http://[::1]:1', '--artifacts', '100000'], /--artifacts: expected an integer from 1 to 1000/],
    [['--version', '18.0.0', '--rack-dir', dir], /services\.json is not the JSON lines `pnpm rack up` writes/],
    [['--version', '18.0.0', '--rack-dir', join(dir, 'none')], /no --nexus-external-url and no .*services\.json/],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(message);
  });
});
