// UUID-shaped ids where omicron draws random v4 UUIDs (dropshot's request ids, zpool ids): hashed
// from a name, so they look like the real thing and are the same on every run of a seed.
import { createHash } from 'node:crypto';

/** A version-4, RFC 4122-variant UUID from `name`'s SHA-256. */
export function nameUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
