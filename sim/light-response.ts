// The answer core code gets from the fabric's light path: what callers of the fetch seam read of a
// WHATWG Response (status, ok, a header, the body once as text, JSON or bytes), without undici's
// Response and the ReadableStream it builds per answer (a fifth of a simulated request's cost).
// Reading the body twice fails as undici's does; anything else a caller would need of a Response
// belongs here, or that caller belongs on the msw path.

/** An app's answer as it left the server: fastify inject's status, content-type and raw bytes. */
export interface Answer {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

const decoder = new TextDecoder(); // UTF-8, BOM stripped, invalid bytes replaced: as Body.text()

class LightResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText = '';
  readonly redirected = false;
  readonly type = 'default';
  bodyUsed = false;
  #headers: Headers | undefined;

  constructor(
    private readonly answer: Answer,
    readonly url: string,
  ) {
    this.status = answer.status;
    this.ok = answer.status >= 200 && answer.status <= 299;
  }

  get headers(): Headers {
    return (this.#headers ??= new Headers(this.answer.contentType === undefined ? {} : { 'content-type': this.answer.contentType }));
  }

  /** The body's bytes. Fails on a second read, as a consumed body does; a 204 or 304 has no body
   * (null in undici), which reads as empty every time. */
  #take(): Uint8Array {
    if (this.status === 204 || this.status === 304) return new Uint8Array(0);
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.bodyUsed = true;
    return this.answer.body;
  }

  async text(): Promise<string> {
    return decoder.decode(this.#take());
  }

  async json(): Promise<unknown> {
    return JSON.parse(decoder.decode(this.#take()));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.#take();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer; // a copy, as undici's
  }

  async bytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.arrayBuffer());
  }
}

/** The light path's answer, typed as the seam's Response (see above for what it carries). */
export function lightResponse(answer: Answer, url: string): Response {
  return new LightResponse(answer, url) as unknown as Response;
}

/** A full WHATWG Response, for the msw path. */
export function fullResponse(answer: Answer): Response {
  const noBody = answer.status === 204 || answer.status === 304;
  return new Response(noBody ? null : new Uint8Array(answer.body), {
    status: answer.status,
    headers: answer.contentType === undefined ? {} : { 'content-type': answer.contentType },
  });
}
