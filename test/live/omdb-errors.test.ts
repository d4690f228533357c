// `pnpm omdb`'s errors, whole stderr and exit status, as real omdb prints them at b848b6df85: a
// Nexus that refuses the connection (progenitor's CommunicationError and its reqwest / hyper-util /
// io sources, as successes.out shows that chain), a URL that does not parse (env.out's `junk`), a
// destructive command without -w (usage_errors.out), and clap's usage errors (exit 2, before any
// note; every kind of them, whole, in omdb-usage.test.ts).
// None needs a rack: the refused port is one the OS just handed out and nobody listens on.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scenarios/live/ports.js';
import { demoCompleteFailed } from '../support/omdb-demo-complete.js';

const run = promisify(execFile);
const hasIpv6Loopback = await freePort().then(
  () => true,
  () => false,
);
if (!hasIpv6Loopback) console.warn('omdb-errors test skipped: this machine has no IPv6 loopback (::1)');

async function omdb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scenarios/live/omdb-main.ts', ...args], { timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const lines = (...l: string[]) => l.join('\n') + '\n';
const SAGAS_NOTE = [
  'NOTE: This command only reads in-memory state from the targeted Nexus instance.',
  'Sagas may be missing if they were run by a different Nexus instance or if they',
  'finished before this Nexus instance last started up.',
];
/** Linux's ECONNREFUSED, as Rust's io::Error prints it (illumos would say 146). */
const refused = (url: string) => [
  `Communication Error: error sending request for url (${url})`,
  `error sending request for url (${url})`,
  'client error (Connect)',
  'tcp connect error',
  'Connection refused (os error 111)',
];

describe.skipIf(!hasIpv6Loopback)('omdb errors, whole text', () => {
  it('a Nexus that is down: sagas list', async () => {
    const nexus = `http://[::1]:${await freePort()}`;
    const r = await omdb('nexus', '--nexus-internal-url', nexus, 'sagas', 'list');
    const chain = refused(`${nexus}/sagas`);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: lines(`note: using Nexus URL ${nexus}`, ...SAGAS_NOTE, 'Error: listing sagas', '', 'Caused by:', ...chain.map((c, i) => `    ${i}: ${c}`)),
    });
  }, 90_000);

  it('a Nexus that is down: demo-complete prints the chain inline, the notes, then the error', async () => {
    const nexus = `http://[::1]:${await freePort()}`;
    const id = '0F5E0B7E-1111-4222-8333-444455556666';
    const r = await omdb('-w', 'nexus', '--nexus-internal-url', nexus, 'sagas', 'demo-complete', id);
    // progenitor sends the parsed id, so the URL has it lower-case.
    const chain = refused(`${nexus}/demo-saga/${id.toLowerCase()}/complete`);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: lines(...demoCompleteFailed(nexus, chain)),
    });
  }, 90_000);

  // reqwest refuses both URLs while building the request: the same chain, its last cause differs.
  for (const [about, url, cause] of [
    ["a URL that does not parse: reqwest's builder error (env.out)", 'junk', 'relative URL without a base'],
    ['a URL of a scheme reqwest does not send: a builder error, not a crash', 'ftp://[::1]:111', 'URL scheme is not allowed'],
  ]) {
    it(about, async () => {
      const r = await omdb('nexus', '--nexus-internal-url', url, 'background-tasks', 'list');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: lines(`note: using Nexus URL ${url}`, 'Error: listing background tasks', '', 'Caused by:', '    0: Communication Error: builder error', '    1: builder error', `    2: ${cause}`),
      });
    }, 90_000);
  }

  it('demo-create without -w (usage_errors.out)', async () => {
    const r = await omdb('nexus', '--nexus-internal-url', 'http://[::1]:111', 'sagas', 'demo-create');
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: lines('note: using Nexus URL http://[::1]:111', 'Error: This command is potentially destructive. Pass the `-w` / `--destructive` flag to allow it.'),
    });
  }, 90_000);

  it("a bad UUID: clap's error with newtype-uuid's reason, exit 2, before anything else", async () => {
    for (const [argv, value, name, tag] of [
      [['-w', 'nexus', '--nexus-internal-url', 'http://[::1]:111', 'sagas', 'demo-complete', 'nope'], 'nope', 'DEMO_SAGA_ID', 'demo_saga'],
      // One hyphen short: the uuid crate takes 8-4-4-4-12 or 32 digits, nothing in between.
      [['nexus', '--nexus-internal-url', 'http://[::1]:111', 'sleds', 'expunge', '0f5e0b7e-11114222-8333-444455556666'], '0f5e0b7e-11114222-8333-444455556666', 'SLED_ID', 'sled'],
    ] as const) {
      expect(await omdb(...argv)).toEqual({
        code: 2,
        stdout: '',
        stderr: lines(`error: invalid value '${value}' for '<${name}>': error parsing UUID (${tag})`, '', "For more information, try '--help'."),
      });
    }
  }, 90_000);

  it("a missing argument: clap's error with the subcommand's usage line, exit 2, before the Nexus URL is looked up", async () => {
    expect(await omdb('-w', 'nexus', '--rack-dir', '/nonexistent', 'sagas', 'demo-complete')).toEqual({
      code: 2,
      stdout: '',
      stderr: lines('error: the following required arguments were not provided:', '  <DEMO_SAGA_ID>', '', 'Usage: omdb nexus sagas demo-complete <DEMO_SAGA_ID>', '', "For more information, try '--help'."),
    });
  }, 90_000);
});
