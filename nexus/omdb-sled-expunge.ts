// `omdb -w nexus sleds expunge <SLED_ID>` (omicron dev-tools/omdb/src/bin/omdb/nexus.rs
// `cmd_nexus_sled_expunge_with_datastore` at b848b6df85): look the sled up in the DB for its
// serial, warn (no inventory collections in the simulator's DB, so omdb's "cannot verify" arm),
// warn about trust quorum, make the operator type the serial, then call the lockstep API's
// `sled_expunge` and print the previous policy as Rust's Debug of progenitor's `SledPolicy`.
// Pure: the caller (scenarios/live/omdb-main.ts) supplies the DB row, the prompt and the call.
import type { SledPolicy } from './db/datastore-sled.js';

export interface ExpungeIo {
  /** Where omdb's eprintln! lines go, as they are printed (before the prompt reads). */
  stderr(line: string): void;
  /** The sled row, or undefined when the DB has none (LookupPath::sled_id(..).fetch()). */
  sled: { serial_number: string; rack_id: string } | undefined;
  /** One line typed at the prompt `message`, or undefined on EOF (reedline's non-Success). */
  readLine(message: string): Promise<string | undefined>;
  /** POST /sleds/expunge; the 200 body or a progenitor error text. */
  expunge(): Promise<{ ok: true; policy: SledPolicy } | { ok: false; error: string }>;
}

/** Nothing on success; otherwise the anyhow error main returns (a context and maybe its cause). */
export type ExpungeResult = { error?: { context: string; cause?: string } };

/** Debug of nexus_lockstep_client::types::SledPolicy. */
export function sledPolicyDebug(p: SledPolicy): string {
  if (p.kind === 'expunged') return 'Expunged';
  return `InService { provision_policy: ${p.provision_policy === 'provisionable' ? 'Provisionable' : 'NonProvisionable'} }`;
}

export async function omdbSledExpunge(sledId: string, allowDestructive: boolean, io: ExpungeIo): Promise<ExpungeResult> {
  const stderr = { push: (line: string) => io.stderr(line) };
  // Omdb::check_allow_destructive (main.rs): an anyhow::ensure!, so no "Caused by".
  if (!allowDestructive) return { error: { context: 'This command is potentially destructive. Pass the `-w` / `--destructive` flag to allow it.' } };
  // omicron's external Error Display for ObjectNotFound by id (common/src/api/external/error.rs).
  if (!io.sled) return { error: { context: `failed to find sled ${sledId}`, cause: `Object (of type ById(${sledId})) not found: sled` } };
  const { serial_number: serial, rack_id: rackId } = io.sled;
  stderr.push(
    'WARNING: cannot verify that the sled is physically gone because there are no inventory collections present. Please make sure that the sled has been physically removed.',
  );
  stderr.push(
    `WARNING: Are you sure that you have removed this sled from the latest trust quorum configuration for rack ${rackId}?. Please double check with: \`omdb nexus trust-quorum get-config <RACK_ID> latest\`\n`,
  );
  stderr.push(`WARNING: This operation will PERMANENTLY and IRRECOVABLY mark sled ${sledId} (${serial}) expunged. To proceed, type the sled's serial number.`);
  // helpers.rs ConfirmationPrompt::read_and_validate.
  const typed = await io.readLine('sled serial number');
  if (typed === undefined) return { error: { context: 'operation aborted' } };
  if (typed !== serial) return { error: { context: 'Aborting, input did not match expected value' } };
  const r = await io.expunge();
  if (!r.ok) return { error: { context: 'expunging sled', cause: r.error } };
  stderr.push(`expunged sled ${sledId} (previous policy: ${sledPolicyDebug(r.policy)})`);
  return {};
}
