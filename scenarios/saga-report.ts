// Report text for saga scenarios, read after the run from the DB and the SECs' memory: the saga
// row and its node-event log with the SEC that wrote each event (who wrote what is the story of a
// zombie SEC), and omdb's views of each live Nexus.
import { iso, omdbBackgroundTaskShow, omdbSagasList, omdbTable, omdbTerminal, sagaContext, SAGA_RECOVERY_TASK, type Nexus, type NodeEventRow, type SagaRow } from '../nexus/index.js';
import type { World } from '../sim/index.js';
import { lockstepUrl } from './saga-client.js';

export function sagaLogText(world: World, nexus: readonly Nexus[], sagaId: string): string {
  const name = (id: string | null) => nexus.find((n) => n.id === id)?.name ?? id ?? '-';
  const row = world.sql.prepare('SELECT * FROM saga WHERE id = ?').get(sagaId) as SagaRow | undefined;
  if (!row) return `saga ${sagaId}: no row`;
  const events = world.sql.prepare('SELECT * FROM saga_node_event WHERE saga_id = ? ORDER BY event_time, rowid').all(sagaId) as NodeEventRow[];
  return [
    `saga ${row.id} (${row.name}): state ${row.saga_state}, creator ${name(row.creator)}, current_sec ${name(row.current_sec)}, adopt_generation ${row.adopt_generation}, adopt_time ${row.adopt_time}`,
    ...omdbTable(['NODE', 'EVENT', 'WRITTEN_BY', 'EVENT_TIME'], events.map((e) => [String(e.node_id), e.event_type, name(e.creator), e.event_time]), { trim: true }).map((l) => `    ${l}`),
  ].join('\n');
}

export function omdbViewsText(world: World, nexus: readonly Nexus[]): string {
  const out: string[] = [];
  for (const n of nexus) {
    if (!n.running) {
      out.push(`(${n.name} is not running)`, '');
      continue;
    }
    const p = n.process;
    out.push(`$ omdb nexus sagas list   (${n.name})`, omdbTerminal(omdbSagasList(sagaContext(p).sec.wireList(), lockstepUrl(n))), '');
    out.push(`$ omdb nexus background-tasks show saga_recovery   (${n.name})`, omdbBackgroundTaskShow(p.tasks.view(SAGA_RECOVERY_TASK)!, world.now), '');
  }
  out.push(`(report taken at ${iso(world.now)})`);
  return out.join('\n');
}
