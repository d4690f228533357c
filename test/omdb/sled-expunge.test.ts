// omdb's `nexus sleds expunge` text (nexus/omdb-sled-expunge.ts) against the prompts and errors of
// dev-tools/omdb/src/bin/omdb/nexus.rs `cmd_nexus_sled_expunge_with_datastore` and helpers.rs
// `ConfirmationPrompt`, with the lockstep call stubbed: each path's whole stderr.
import { describe, expect, it } from 'vitest';
import { omdbSledExpunge, sledPolicyDebug, type ExpungeIo } from '../../nexus/index.js';

const SLED = '11111111-2222-4333-8444-555555555555';
const RACK = 'aaaaaaaa-2222-4333-8444-555555555555';

function io(typed: string | undefined, answer: Awaited<ReturnType<ExpungeIo['expunge']>> = { ok: true, policy: { kind: 'in_service', provision_policy: 'provisionable' } }) {
  const calls: string[] = [];
  const stderr: string[] = [];
  const x: ExpungeIo = {
    stderr: (l) => stderr.push(l),
    sled: { serial_number: 'BRM001', rack_id: RACK },
    readLine: async (m) => (calls.push(`prompt ${m} after ${stderr.length} lines`), typed),
    expunge: async () => (calls.push('POST'), answer),
  };
  return { x, calls, stderr };
}

const WARNINGS = [
  'WARNING: cannot verify that the sled is physically gone because there are no inventory collections present. Please make sure that the sled has been physically removed.',
  `WARNING: Are you sure that you have removed this sled from the latest trust quorum configuration for rack ${RACK}?. Please double check with: \`omdb nexus trust-quorum get-config <RACK_ID> latest\`\n`,
  `WARNING: This operation will PERMANENTLY and IRRECOVABLY mark sled ${SLED} (BRM001) expunged. To proceed, type the sled's serial number.`,
];

describe('omdb nexus sleds expunge', () => {
  it('warns, takes the serial, calls the API and prints the previous policy', async () => {
    const { x, calls, stderr } = io('BRM001');
    expect(await omdbSledExpunge(SLED, true, x)).toEqual({});
    expect(stderr).toEqual([...WARNINGS, `expunged sled ${SLED} (previous policy: InService { provision_policy: Provisionable })`]);
    // The warnings are out before the prompt reads.
    expect(calls).toEqual(['prompt sled serial number after 3 lines', 'POST']);
  });

  it('without -w refuses before anything else', async () => {
    const { x, calls, stderr } = io('BRM001');
    expect(stderr).toEqual([]);
    expect(await omdbSledExpunge(SLED, false, x)).toEqual({ error: { context: 'This command is potentially destructive. Pass the `-w` / `--destructive` flag to allow it.' } });
    expect(calls).toEqual([]);
  });

  it('a wrong serial or EOF aborts without calling Nexus', async () => {
    for (const [typed, context] of [['BRM002', 'Aborting, input did not match expected value'], [undefined, 'operation aborted']] as const) {
      const { x, calls, stderr } = io(typed);
      expect(await omdbSledExpunge(SLED, true, x)).toEqual({ error: { context } });
      expect(stderr).toEqual(WARNINGS);
      expect(calls).toEqual(['prompt sled serial number after 3 lines']);
    }
  });

  it('an unknown sled fails the DB lookup with the external Error Display', async () => {
    const { x, calls } = io('BRM001');
    expect(await omdbSledExpunge(SLED, true, { ...x, sled: undefined })).toEqual({
      error: { context: `failed to find sled ${SLED}`, cause: `Object (of type ById(${SLED})) not found: sled` },
    });
    expect(calls).toEqual([]);
  });

  it('an API error is "expunging sled" caused by progenitor\'s error', async () => {
    const { x } = io('BRM001', { ok: false, error: 'Error Response: status: 409 Conflict; ...' });
    expect((await omdbSledExpunge(SLED, true, x)).error).toEqual({ context: 'expunging sled', cause: 'Error Response: status: 409 Conflict; ...' });
  });

  it('prints each SledPolicy as Rust Debug', () => {
    expect([sledPolicyDebug({ kind: 'expunged' }), sledPolicyDebug({ kind: 'in_service', provision_policy: 'non_provisionable' })]).toEqual(['Expunged', 'InService { provision_policy: NonProvisionable }']);
  });
});
