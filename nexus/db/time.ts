// Timestamps in the DB are ISO-8601 strings taken from the writing node's clock view.
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
