// Validates a response body against a schema written from omicron's OpenAPI document, with the
// formats (uuid, date-time) the documents use. Returns the errors, or null when the body fits.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);

export function expectFits(schema: object, body: unknown): void {
  const validate = ajv.compile(schema);
  expect(validate(body), `${JSON.stringify(body)}\n${JSON.stringify(validate.errors)}`).toBe(true);
}

/** The schema must also reject a body that does not fit (so a check cannot pass vacuously). */
export function expectRejects(schema: object, body: unknown): void {
  expect(ajv.compile(schema)(body), JSON.stringify(body)).toBe(false);
}
