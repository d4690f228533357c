// Does our schema refine the document's? Every value ours admits must be one the document admits,
// and every field the document requires ours must require (fastify serializes through ours, so a
// field ours lacks never reaches the wire). Answers the places where it does not, by JSON path.
// Ours may be narrower (the simulation reports fewer arms); it may not be wider or differently named.
// Ranges and patterns too: a document's integer format (uint8 …) or minimum/maximum must hold ours
// (by the same bounds, a narrower format, or its enum), and its pattern must be ours (or hold every
// value of our enum).
import { INTEGER_FORMATS } from './integer-formats.js';

type S = Record<string, unknown>;

const obj = (v: unknown): S => (v && typeof v === 'object' && !Array.isArray(v) ? (v as S) : {});

/** Folds a one-element `allOf` (how schemars attaches a description to a `$ref`) into its host. */
function unwrap(s: S): S {
  if (Array.isArray(s.allOf) && s.allOf.length === 1) {
    const { allOf, ...rest } = s;
    return unwrap({ ...rest, ...obj(allOf[0]) });
  }
  return s;
}

function typesOf(s: S): Set<string> | undefined {
  if (typeof s.type === 'string') return new Set([s.type]);
  if (Array.isArray(s.type)) return new Set(s.type as string[]);
  const values = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined;
  if (values) return new Set(values.map((v) => (v === null ? 'null' : typeof v)));
  if (s.properties || s.additionalProperties !== undefined) return new Set(['object']);
  return undefined;
}

const alternatives = (s: S) => (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined) as S[] | undefined;
const unconstrained = (s: S) => typesOf(s) === undefined && !alternatives(s) && !s.items;
const NUMERIC_FORMATS = /^u?int\d*$|^uint$|^double$|^float$/;
const CHECKED_FORMATS = new Set(['uuid', 'date-time', 'ip', 'ipv4', 'ipv6']);

/** The closed range of numbers a schema admits by its integer format and minimum/maximum, if any
 * bounds it (OpenAPI 3.0's boolean exclusiveMinimum/Maximum read as inclusive). A 64-bit format's
 * bound (JS's safe-integer cap in INTEGER_FORMATS) is no bound here: no number we write reaches it. */
function range(s: S): [number, number] | undefined {
  const f = INTEGER_FORMATS[s.format as string]?.map((b) => (Math.abs(b) === Number.MAX_SAFE_INTEGER ? b * Infinity : b));
  const lo = [f?.[0], s.minimum].filter((v): v is number => typeof v === 'number');
  const hi = [f?.[1], s.maximum].filter((v): v is number => typeof v === 'number');
  if (lo.length === 0 && hi.length === 0) return undefined;
  return [lo.length ? Math.max(...lo) : -Infinity, hi.length ? Math.min(...hi) : Infinity];
}

/** Ours as cases: one per enum value, one per type, or one per value of the first property that splits (a tag). */
function split(s: S): S[] {
  if (Array.isArray(s.enum) && s.enum.length > 1) return s.enum.map((v) => ({ ...s, enum: [v], type: v === null ? 'null' : s.type }));
  if (Array.isArray(s.type) && s.type.length > 1) return (s.type as string[]).map((t) => (t === 'null' ? { type: 'null' } : { ...s, type: t }));
  for (const [k, v] of Object.entries(obj(s.properties))) {
    const cases = split(unwrap(obj(v)));
    if (cases.length > 1) return cases.map((c) => ({ ...s, properties: { ...obj(s.properties), [k]: c } }));
  }
  return [s];
}

export function refinementGaps(oursIn: unknown, theirsIn: unknown, at = '$'): string[] {
  const ours = unwrap(obj(oursIn));
  const theirs = unwrap(obj(theirsIn));
  if (unconstrained(theirs)) return [];
  const oursAlt = alternatives(ours);
  if (oursAlt) {
    const { oneOf: _o, anyOf: _a, ...base } = ours;
    return oursAlt.flatMap((b, i) => refinementGaps({ ...base, ...unwrap(obj(b)) }, theirs, `${at}<arm ${i}>`));
  }
  const theirsAlt = alternatives(theirs);
  if (theirsAlt) {
    const { oneOf: _o, anyOf: _a, description: _d, ...base } = theirs;
    // Each case ours admits (per enum value, per type, per tag value) must fit some arm.
    return split(ours).flatMap((one) => {
      const tries = theirsAlt.map((b) => refinementGaps(one, { ...base, ...unwrap(obj(b)) }, at));
      if (tries.some((t) => t.length === 0)) return [];
      const best = tries.reduce((a, b) => (b.length < a.length ? b : a));
      return [`${at}: fits no arm of the document's ${theirs.oneOf ? 'oneOf' : 'anyOf'}; nearest: ${best.join('; ')}`];
    });
  }
  const out: string[] = [];
  const tt = typesOf(theirs);
  const ot = typesOf(ours);
  if (tt) {
    if (!ot) return [`${at}: ours admits any value, the document only ${[...tt].join('|')}`];
    for (const t of ot) if (!tt.has(t) && !(t === 'integer' && tt.has('number'))) out.push(`${at}: ours admits ${t}, the document ${[...tt].join('|')}`);
  }
  const theirEnum = Array.isArray(theirs.enum) ? theirs.enum : 'const' in theirs ? [theirs.const] : undefined;
  const ourEnum = Array.isArray(ours.enum) ? ours.enum : 'const' in ours ? [ours.const] : undefined;
  if (theirEnum) {
    if (!ourEnum) out.push(`${at}: ours has no enum, the document ${JSON.stringify(theirEnum)}`);
    else for (const v of ourEnum) if (!theirEnum.includes(v)) out.push(`${at}: ${JSON.stringify(v)} is not in the document's enum ${JSON.stringify(theirEnum)}`);
  }
  const tf = theirs.format as string | undefined;
  const of = ours.format as string | undefined;
  if (of && tf && of !== tf && !(NUMERIC_FORMATS.test(tf) && !CHECKED_FORMATS.has(of))) out.push(`${at}: format ${of}, the document ${tf}`);
  if (tf && CHECKED_FORMATS.has(tf) && !of && !ours.pattern && !ourEnum) out.push(`${at}: the document's format ${tf} is not enforced`);
  if (ot && (ot.has('integer') || ot.has('number'))) {
    const tr = range(theirs);
    if (tr) {
      const nums = ourEnum?.filter((v): v is number => typeof v === 'number');
      const or = nums ? [Math.min(...nums), Math.max(...nums)] : (range(ours) ?? [-Infinity, Infinity]);
      if (or[0] < tr[0] || or[1] > tr[1]) out.push(`${at}: ours admits [${or.join(', ')}], the document [${tr.join(', ')}]`);
    }
  }
  const tpat = theirs.pattern as string | undefined;
  if (tpat !== undefined && ours.pattern !== tpat) {
    const strs = ourEnum?.filter((v): v is string => typeof v === 'string');
    if (strs) for (const v of strs) if (!new RegExp(tpat, 'u').test(v)) out.push(`${at}: ${JSON.stringify(v)} does not match the document's pattern ${tpat}`);
    if (!strs) out.push(`${at}: ${ours.pattern === undefined ? 'ours has no pattern' : `pattern ${String(ours.pattern)}`}, the document ${tpat}`);
  }
  if (tt?.has('object') || theirs.properties) {
    const tp = obj(theirs.properties);
    const op = obj(ours.properties);
    const oreq = (ours.required ?? []) as string[];
    for (const r of (theirs.required ?? []) as string[]) if (!oreq.includes(r)) out.push(`${at}: the document requires ${r}`);
    for (const [k, v] of Object.entries(op)) {
      if (k in tp) out.push(...refinementGaps(v, tp[k], `${at}.${k}`));
      else if (theirs.additionalProperties && typeof theirs.additionalProperties === 'object') out.push(...refinementGaps(v, theirs.additionalProperties, `${at}.${k}`));
      else out.push(`${at}.${k}: not in the document`);
    }
    const oa = ours.additionalProperties;
    if (oa !== undefined && oa !== false) {
      if (theirs.additionalProperties && typeof theirs.additionalProperties === 'object') out.push(...refinementGaps(oa, theirs.additionalProperties, `${at}[*]`));
      else if (oa !== true || Object.keys(tp).length > 0) out.push(`${at}: ours admits other properties, the document does not declare a map`);
    }
  }
  if (theirs.items) {
    if (ours.maxItems === 0) return out;
    if (!ours.items) out.push(`${at}: ours admits any items`);
    else out.push(...refinementGaps(ours.items, theirs.items, `${at}[]`));
  }
  return out;
}
