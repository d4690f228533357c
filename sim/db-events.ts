// Trace events of the shared database (sim/db.ts): one statement or transaction took effect, or threw.
export interface DbEvents {
  'db.step': { label: string };
  'db.tx': { label: string };
  'db.error': { label: string; error: string };
}
