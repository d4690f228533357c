// chrono's `Display` of a `DateTime<Utc>` ("2026-01-01 00:10:00.250 UTC"): date and time with a
// space, the fraction only when non-zero (3, 6 or 9 digits, as NaiveTime's Display picks), then
// " UTC". omdb prints times this way wherever it uses `to_string()` rather than RFC 3339.

export function chronoUtc(isoTime: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(new Date(Date.parse(isoTime)).toISOString());
  if (!m) throw new Error(`not an ISO time: ${isoTime}`);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  return `${m[1]} ${m[2]}${frac ? '.' + frac.padEnd(frac.length <= 3 ? 3 : frac.length <= 6 ? 6 : 9, '0') : ''} UTC`;
}
