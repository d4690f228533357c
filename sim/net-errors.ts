// Errors shaped like the ones Node's fetch (undici) raises, so client code handles a simulated
// failure exactly as it would a real one.

/** Connection refused: no app listens at the address (port 0, a crashed sled). */
export function refused(url: string): TypeError {
  const cause = Object.assign(new Error(`connect ECONNREFUSED ${new URL(url).host}`), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause });
}

/** The connection died mid-request (the server crashed before answering). */
export function reset(url: string): TypeError {
  const cause = Object.assign(new Error(`socket hang up (${new URL(url).host})`), { code: 'ECONNRESET' });
  return new TypeError('fetch failed', { cause });
}

/** The client's deadline passed (a dropped or partitioned message), as AbortSignal.timeout reports it. */
export function timedOut(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/** A short reason for traces and status rings: ECONNREFUSED, ECONNRESET, TimeoutError, ... */
export function errorCode(err: unknown): string {
  if (err instanceof DOMException) return err.name;
  const cause = (err as { cause?: { code?: string } })?.cause;
  if (cause?.code) return cause.code;
  return err instanceof Error ? err.message : String(err);
}
