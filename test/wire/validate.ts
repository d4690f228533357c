// Reads an answer off the wire for the oracle (test/wire/openapi-oracle.ts).
export interface Answer {
  status: number;
  body: unknown;
}

/** Reads an answer: JSON when it says so, null for an empty body, else the raw bytes. */
export async function answer(res: Response): Promise<Answer> {
  const text = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: res.status, body: text.length === 0 ? null : json ? JSON.parse(text.toString('utf8')) : text };
}
