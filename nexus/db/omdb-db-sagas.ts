// `omdb db saga running` (omicron dev-tools/omdb/src/bin/omdb/db/saga.rs `cmd_sagas_running`,
// `SagaRow`, at b848b6df85): every saga in state running, in id order (`get_all_sagas_in_state`
// pages by id ascending), as a tabled table in the psql style; `time_created` in RFC 3339 with
// milliseconds and `Z` (`datetime_rfc3339_concise`), `current_sec` "-" when none, the state as
// Debug of nexus_db_model::SagaState.

/** The `saga` columns the view reads (omicron's names). */
export interface DbSagaRow {
  id: string;
  current_sec: string | null;
  time_created: string;
  name: string;
  saga_state: string;
}

export const DB_SAGAS_RUNNING_QUERY = `SELECT id, current_sec, time_created, name, saga_state FROM saga WHERE saga_state = 'running' ORDER BY id`;

/** tabled's `Style::psql()`: ` a | b ` rows, a `---+---` rule under the header, no outer border. */
export function psqlTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => ` ${c.padEnd(widths[i])} `).join('|');
  return [line(headers), widths.map((w) => '-'.repeat(w + 2)).join('+'), ...rows.map(line)];
}

const DEBUG_STATE: Record<string, string> = { running: 'Running', unwinding: 'Unwinding', done: 'Done', abandoned: 'Abandoned' };

export function omdbDbSagasRunning(rows: readonly DbSagaRow[]): string[] {
  return psqlTable(
    ['id', 'current_sec', 'time_created', 'name', 'state'],
    rows.map((s) => [s.id, s.current_sec ?? '-', new Date(s.time_created).toISOString(), s.name, DEBUG_STATE[s.saga_state] ?? s.saga_state]),
  );
}
