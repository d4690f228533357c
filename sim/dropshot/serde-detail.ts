// The detail serde_json gives for a body missing a required field, in place of ajv's: dropshot
// reads a TypedBody with serde_json, whose error reads "missing field `x` at line L column C", the
// position being the object's closing brace (serde_json peeks the `}` that ends the map, then the
// derived visitor reports the first absent field). Only that case is translated, and only when the
// body's one fault is that one missing field (checked by validating it again with every error
// reported): serde stops at the first bad token in document order and names the first missing field
// in the Rust struct's order, which the schema does not carry, so with any other fault, or several
// missing fields, which one serde would name is unknown here and ajv's wording is kept.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const everyError = addFormats(new Ajv({ allErrors: true, strict: false, addUsedSchema: false }));
const compiled = new Map<string, ValidateFunction>();

/** True when `body`'s only fault against `schema` is the one `issue` names. */
function onlyFault(schema: object, body: unknown, issue: AjvIssue): boolean {
  const key = JSON.stringify(schema);
  let fn = compiled.get(key);
  if (!fn) compiled.set(key, (fn = everyError.compile(schema)));
  if (fn(body)) return false;
  const errs = fn.errors ?? [];
  return errs.length === 1 && errs[0].keyword === 'required' && errs[0].instancePath === issue.instancePath && errs[0].params.missingProperty === issue.params.missingProperty;
}

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** Offset of the `}` closing the object at `pointer` (a JSON Pointer) in `text`, or undefined. */
function closingBrace(text: string, pointer: string): number | undefined {
  const path = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  /** Skips one value; returns the offset of its last character. */
  const skip = (): number => {
    ws();
    if (text[i] === '"') {
      str();
      return i - 1;
    }
    if (text[i] === '{' || text[i] === '[') {
      let depth = 0;
      do {
        if (text[i] === '"') {
          str();
          continue;
        }
        if (text[i] === '{' || text[i] === '[') depth++;
        if (text[i] === '}' || text[i] === ']') depth--;
        i++;
      } while (depth > 0 && i < text.length);
      return i - 1;
    }
    while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++;
    return i - 1;
  };
  for (const step of [...path, undefined]) {
    ws();
    if (text[i] === '{') {
      i++;
      for (;;) {
        ws();
        if (text[i] === '}') {
          if (step === undefined) return i;
          return undefined;
        }
        const key = str();
        ws();
        i++; // ':'
        if (step !== undefined && key === step) break;
        skip();
        ws();
        if (text[i] === ',') i++;
      }
    } else if (text[i] === '[' && step !== undefined) {
      i++;
      for (let n = 0; n < Number(step); n++) {
        skip();
        ws();
        i++; // ','
      }
    } else return undefined;
  }
  return undefined;
}

/** serde_json's " at line L column C" for a 0-based offset (columns count from 1). */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset + 1);
  const line = before.split('\n').length;
  const column = offset + 1 - (before.lastIndexOf('\n') + 1);
  return `at line ${line} column ${column}`;
}

/** serde_json's message for the first validation issue, when it is a missing field; else undefined. */
export function serdeBodyDetail(issues: readonly AjvIssue[] | undefined, text: string): string | undefined {
  const first = issues?.[0];
  if (!first || first.keyword !== 'required') return undefined;
  const at = closingBrace(text, first.instancePath);
  if (at === undefined) return undefined;
  return `missing field \`${String(first.params.missingProperty)}\` ${position(text, at)}`;
}

/** How dropshot's extractors begin a 400 for each part (extractor/path.rs via http_util.rs,
 * query.rs, body.rs). */
const PARSE_PREFIX: Record<string, string> = {
  params: 'bad parameter in URL path',
  querystring: 'unable to parse query string',
  body: 'unable to parse JSON body',
};

/** The body text each request arrived with, kept by the JSON parser that read it. */
const bodyTexts = new WeakMap<object, string>();

export function rememberBodyText(raw: object, text: string): void {
  bodyTexts.set(raw, text);
}

/**
 * The whole 400 message for a fastify validation error, in the one place both kinds of simulated
 * server (sled agent, Nexus) word it: dropshot's prefix for the part, then serde's detail where
 * it can be given, else ajv's. `raw` is the request's IncomingMessage; without its text (a server
 * on fastify's own parser) the body is re-serialized, which matches what the simulator's clients
 * send (`JSON.stringify`, no whitespace).
 */
export function validationMessage(
  err: { message: string; validation?: readonly AjvIssue[]; validationContext?: string },
  raw: object,
  body: unknown,
  bodySchema: object | undefined,
): string {
  const prefix = PARSE_PREFIX[err.validationContext ?? ''] ?? 'invalid request';
  const first = err.validation?.[0];
  const single = err.validationContext === 'body' && first !== undefined && bodySchema !== undefined && onlyFault(bodySchema, body, first);
  const serde = single
    ? serdeBodyDetail(err.validation, bodyTexts.get(raw) ?? JSON.stringify(body) ?? '')
    : err.validationContext === 'querystring' && first?.keyword === 'required'
      ? `missing field \`${String(first.params.missingProperty)}\`` // serde_urlencoded's words (dropshot demo.rs tests)
      : undefined;
  return `${prefix}: ${serde ?? err.message}`;
}
