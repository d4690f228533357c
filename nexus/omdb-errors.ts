// How omdb's errors read (omicron b848b6df85, with the crates its Cargo.lock pins): what Rust
// prints for the anyhow::Error `main` returns, anyhow's `{:#}`, progenitor's CommunicationError
// chain for a refused connection and `check_allow_destructive`'s refusal (clap's usage errors
// are scenarios/live/clap-text.ts). Pure text; scenarios/live/omdb-main.ts prints it.

/**
 * `fn main() -> Result<(), anyhow::Error>` returning Err: Rust prints `Error: {:?}`, and anyhow's
 * Debug is the context, then (if it has a source) a blank line, `Caused by:` and the chain, each
 * cause on its own line indented four, numbered `0:`, `1:` ... only when there are several
 * (dev-tools/omdb/tests/env.out shows both forms).
 */
export function anyhowMainError(context: string, causes: readonly string[]): string[] {
  const out = [`Error: ${context}`];
  if (causes.length === 0) return out;
  out.push('', 'Caused by:');
  if (causes.length === 1) out.push(`    ${causes[0]}`);
  else causes.forEach((c, i) => out.push(`${String(i).padStart(5)}: ${c}`));
  return out;
}

/** anyhow's alternate Display (`{:#}`): the context and every cause, joined by ": ". */
export const anyhowAlternate = (context: string, causes: readonly string[]): string => [context, ...causes].join(': ');

/**
 * progenitor-client 0.14's `Error::CommunicationError(reqwest::Error)` and its source chain when the
 * TCP connect is refused: progenitor's Display embeds reqwest's, whose source is hyper-util's
 * legacy client error, then its ConnectError, then the io::Error (the chain successes.out prints
 * for crdb_node_id_collector at b848b6df85). `errno` is the OS's ECONNREFUSED (111 on Linux, 146
 * on illumos, where omicron runs).
 */
export function connectionRefusedChain(url: string, errno: number): string[] {
  const reqwest = `error sending request for url (${url})`;
  return [`Communication Error: ${reqwest}`, reqwest, 'client error (Connect)', 'tcp connect error', `Connection refused (os error ${errno})`];
}

/** `Omdb::check_allow_destructive` (main.rs): an anyhow::ensure!, so it has no cause. */
export const DESTRUCTIVE_REFUSED = 'This command is potentially destructive. Pass the `-w` / `--destructive` flag to allow it.';

/**
 * The uuid crate's `Uuid::from_str` (1.23): simple (32 hex), hyphenated 8-4-4-4-12, braced
 * `{...}` or `urn:uuid:...`, any case. Returns the hyphenated lower-case form progenitor sends,
 * or undefined.
 */
export function parseUuid(s: string): string | undefined {
  let body = s;
  if (s.length === 38 && s.startsWith('{') && s.endsWith('}')) body = s.slice(1, -1);
  else if (s.length === 45 && s.startsWith('urn:uuid:')) body = s.slice(9);
  let hex: string;
  if (body === s && s.length === 32) hex = s;
  else if (body.length === 36 && /^[^-]{8}-[^-]{4}-[^-]{4}-[^-]{4}-[^-]{12}$/.test(body)) hex = body.replaceAll('-', '');
  else return undefined;
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return undefined;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
