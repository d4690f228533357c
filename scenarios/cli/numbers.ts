// Whole-number flags, checked on their text (BigInt) so a huge or negative value is echoed as
// typed rather than rounded by a float.
import { UsageError } from './usage-error.js';

export const MAX_SEED = Number.MAX_SAFE_INTEGER;

export function integer(flag: string, text: string | undefined, min: number, max = MAX_SEED): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got "${text}"`);
  const n = BigInt(text);
  if (n < BigInt(min) || n > BigInt(max)) throw new UsageError(`--${flag} must be between ${min} and ${max}, got ${text}`);
  return Number(n);
}
