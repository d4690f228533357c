// The light path's answer reads as undici's Response does, for what callers of the seam use.
import { describe, expect, it } from 'vitest';
import { fullResponse, lightResponse, type Answer } from '../../sim/light-response.js';

const answers: Answer[] = [
  { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from('{"a":[1,"é"]}') },
  { status: 204, contentType: undefined, body: Buffer.alloc(0) },
  { status: 404, contentType: 'application/json', body: Buffer.from('{"message":"Not Found"}') },
  { status: 500, contentType: 'text/plain', body: Buffer.from('\ufeffnot json') },
];

async function settled(p: Promise<unknown>) {
  try {
    return { ok: await p };
  } catch (err) {
    return { err: (err as Error).name };
  }
}

describe('light response', () => {
  for (const a of answers) {
    it(`status ${a.status}: same status, ok, content-type, text, json and bytes as a Response`, async () => {
      const read = async (make: () => Response) => {
        const r = make();
        return {
          status: r.status,
          ok: r.ok,
          ct: r.headers.get('content-type'),
          text: await make().text(),
          json: await settled(make().json()),
          bytes: [...new Uint8Array(await make().arrayBuffer())],
          again: await settled(r.text().then(() => r.text())),
        };
      };
      expect(await read(() => lightResponse(a, 'http://x/'))).toEqual(await read(() => fullResponse(a)));
    });
  }
});
