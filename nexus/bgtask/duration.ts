// `std::time::Duration` as serde writes it (`{secs, nanos}`), and as humantime prints it.

export interface WireDuration {
  secs: number;
  nanos: number;
}

export function wireDuration(ms: number): WireDuration {
  const whole = Math.floor(ms);
  return { secs: Math.floor(whole / 1000), nanos: (whole % 1000) * 1_000_000 + Math.round((ms - whole) * 1_000_000) };
}

export function durationMs(d: WireDuration): number {
  return d.secs * 1000 + d.nanos / 1_000_000;
}

/** humantime's `format_duration`: units from years to nanoseconds, each non-zero one printed,
 * separated by spaces ("5m", "1h 30m", "2days 1h", "250ms"); a zero duration is "0s". Years,
 * months and days are written out and pluralised; the rest are abbreviated. */
const WORDS = new Set(['year', 'month', 'day']);

export function humanDuration(d: WireDuration): string {
  let secs = d.secs;
  const units: Array<[string, number]> = [];
  const years = Math.floor(secs / 31_557_600); // humantime's year is 365.25 days
  secs -= years * 31_557_600;
  const months = Math.floor(secs / 2_630_016); // and its month 30.44 days
  secs -= months * 2_630_016;
  const days = Math.floor(secs / 86_400);
  secs -= days * 86_400;
  units.push(['year', years], ['month', months], ['day', days], ['h', Math.floor(secs / 3600)], ['m', Math.floor((secs % 3600) / 60)], ['s', secs % 60]);
  units.push(['ms', Math.floor(d.nanos / 1_000_000)], ['us', Math.floor((d.nanos / 1000) % 1000)], ['ns', d.nanos % 1000]);
  const parts = units.filter(([, n]) => n > 0).map(([u, n]) => (WORDS.has(u) && n > 1 ? `${n}${u}s` : `${n}${u}`));
  return parts.length === 0 ? '0s' : parts.join(' ');
}
