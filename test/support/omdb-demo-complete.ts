// What omdb's `nexus sagas demo-complete` prints on stderr when the call fails
// (cmd_nexus_demo_saga_complete in dev-tools/omdb/src/bin/omdb/nexus.rs at b848b6df85): its note,
// anyhow's `{:#}` line, its two notes, then what Rust prints for the error `main` returns. The
// tests' own copy of those texts, for the simulator's printer (test/omdb/sagas.test.ts) and the
// live `pnpm omdb` (test/live/).
export function demoCompleteFailed(nexusUrl: string, causes: readonly string[]): string[] {
  return [
    `note: using Nexus URL ${nexusUrl}`,
    `error: completing demo saga: ${causes.join(': ')}`,
    'note: `demo-complete` must be run against the same Nexus instance that is currently running that saga.',
    "note: Be sure that you're using the demo_saga_id, not the saga_id.",
    'Error: completing demo saga',
    '',
    'Caused by:',
    ...(causes.length === 1 ? [`    ${causes[0]}`] : causes.map((c, i) => `    ${i}: ${c}`)),
  ];
}
