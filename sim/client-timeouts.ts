// A client's deadlines, as the reqwest client of the omicron component it stands for sets them
// (`connect_timeout`, `timeout`). Absent means what reqwest does by default: no deadline. Such a
// client waits for a slow server as long as it takes, and gives up on a lost message only where
// illumos's TCP does.

export interface ClientTimeouts {
  /** reqwest `connect_timeout`: how long to wait for the server to be reached. */
  connectMs?: number;
  /** reqwest `timeout`: the whole request, from send to the last byte of the answer. */
  requestMs?: number;
}

/** illumos `tcp_ip_abort_cinterval` (`_ip_abort_cinterval`, usr/src/uts/common/inet/tcp/tcp_tunables.c): 3 min. */
export const TCP_CONNECT_ABORT_MS = 180_000;
/** illumos `tcp_ip_abort_interval` (`_ip_abort_interval`): a connection unacknowledged for 5 min is closed. */
export const TCP_ABORT_MS = 300_000;

/** progenitor's `Client::new` (15 s connect and request timeouts): omdb's clients, for one. */
export const PROGENITOR_DEFAULT_TIMEOUTS: ClientTimeouts = { connectMs: 15_000, requestMs: 15_000 };

export interface Deadlines {
  /** A request that never reaches its server fails this long after the send. */
  connectMs: number;
  /** The client's own timer over the whole request, whatever the server is doing; none if absent. */
  requestMs?: number;
  /** An answer that is lost on the way back fails this long after the send. */
  lostAnswerMs: number;
}

/** The deadlines the fabric applies, relative to the send. reqwest's `timeout` bounds the connect
 * too, so neither is ever later than the request deadline. */
export function effectiveDeadlines(t: ClientTimeouts = {}): Deadlines {
  const cap = t.requestMs ?? Infinity;
  return { connectMs: Math.min(t.connectMs ?? TCP_CONNECT_ABORT_MS, cap), requestMs: t.requestMs, lostAnswerMs: Math.min(TCP_ABORT_MS, cap) };
}
