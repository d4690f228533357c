// Turns a trace into what the timeline draws: lanes (one per node, the DB last), request arrows
// (http.sent paired with its response or failure), DB statements, fault spans, background-task
// activations and the violation markers. Pure data: render.ts embeds it in the page.
import type { Violation } from '../runner.js';

export interface TimelineEvent {
  t: number;
  node: string;
  kind: string;
  [k: string]: unknown;
}

export interface TimelineModel {
  title: string;
  t0: number;
  t1: number;
  lanes: string[];
  /** [index into events, lane] for each point event. */
  points: { i: number; lane: number }[];
  requests: { sent: number; done?: number; from: number; to: number; t: number; end: number; label: string; failed: boolean }[];
  db: { i: number; from: number }[];
  spans: { lane: number; t: number; end: number; kind: 'fault' | 'task'; label: string; i: number }[];
  violations: { t: number; lane: number; invariant: string; message: string; i?: number }[];
  events: TimelineEvent[];
}

export const DB_LANE = 'DB';

function laneOrder(name: string): [number, string] {
  const rank = name === 'script' ? 0 : name.startsWith('nexus') ? 1 : name.startsWith('sled') ? 2 : name === DB_LANE ? 9 : 5;
  // nexus-2 before nexus-10
  return [rank, name.replace(/\d+/g, (d) => d.padStart(6, '0'))];
}

/** The fault event that ends each fault (sim/faults/control.ts writes both, on the same node). */
const FAULT_END: Record<string, string> = {
  'fault.restart': 'fault.crash',
  'fault.slow_healed': 'fault.slow',
  'fault.partition_healed': 'fault.partition',
  'fault.release': 'fault.hold',
  'fault.db_slow_healed': 'fault.db_slow',
  'fault.m2-replaced': 'fault.m2-lost',
};

export function buildModel(title: string, events: TimelineEvent[], violations: readonly Violation[]): TimelineModel {
  const names = new Set<string>();
  for (const e of events) {
    names.add(e.node);
    if (e.kind === 'http.sent' && typeof e.to === 'string') names.add(e.to);
  }
  names.add(DB_LANE);
  const lanes = [...names].sort((a, b) => {
    const [ra, na] = laneOrder(a);
    const [rb, nb] = laneOrder(b);
    return ra - rb || (na < nb ? -1 : na > nb ? 1 : 0);
  });
  const lane = new Map(lanes.map((n, i) => [n, i]));
  const t0 = events.length > 0 ? events[0].t : 0;
  let t1 = t0 + 1; // a loop, not Math.max(...): a big run's events overflow the argument list
  for (const e of events) if (e.t > t1) t1 = e.t;
  const m: TimelineModel = { title, t0, t1, lanes, points: [], requests: [], db: [], spans: [], violations: [], events };

  const sent = new Map<unknown, number>();
  const openFaults = new Map<string, { lane: number; t: number; label: string; i: number }>();
  const openTasks = new Map<string, { t: number; i: number }>();
  const closeFault = (key: string, end: number) => {
    const f = openFaults.get(key);
    if (!f) return;
    openFaults.delete(key);
    m.spans.push({ ...f, end, kind: 'fault' });
  };
  events.forEach((e, i) => {
    const from = lane.get(e.node)!;
    if (e.kind === 'http.sent') {
      sent.set(e.req, m.requests.length);
      const to = typeof e.to === 'string' ? lane.get(e.to)! : from;
      m.requests.push({ sent: i, from, to, t: e.t, end: t1, label: `${String(e.method)} ${String(e.url).replace(/^\[[^\]]*\]:\d+/, '')}`, failed: false });
      return;
    }
    if (e.kind === 'http.response' || e.kind === 'http.failed') {
      const r = m.requests[sent.get(e.req) ?? -1];
      if (r) {
        r.done = i;
        r.end = e.t;
        r.failed = e.kind === 'http.failed' || (typeof e.status === 'number' && e.status >= 500);
        r.label += ` → ${e.kind === 'http.failed' ? String(e.error) : String(e.status)} in ${e.t - r.t}ms`;
        return;
      }
    }
    if (e.kind.startsWith('db.')) {
      m.db.push({ i, from });
      return;
    }
    if (e.kind === 'fault.healed') {
      for (const key of [...openFaults.keys()]) closeFault(key, e.t);
    } else if (e.kind in FAULT_END) {
      closeFault(`${e.node}:${FAULT_END[e.kind]}`, e.t);
    } else if (e.kind === 'fault.drops' && e.probability === 0) {
      closeFault(`${e.node}:fault.drops`, e.t);
    } else if (e.kind.startsWith('fault.')) {
      // A fault is drawn on the lane of the node it hits (the event's node).
      const key = `${e.node}:${e.kind}`;
      closeFault(key, e.t);
      openFaults.set(key, { lane: from, t: e.t, label: `${e.kind} ${JSON.stringify(Object.fromEntries(Object.entries(e).filter(([k]) => !['t', 'node', 'kind'].includes(k))))}`, i });
    } else if (e.kind === 'bgtask.started') {
      openTasks.set(`${e.node}:${String(e.task)}`, { t: e.t, i });
      return;
    } else if (e.kind === 'bgtask.completed') {
      const key = `${e.node}:${String(e.task)}`;
      const s = openTasks.get(key);
      if (s) {
        openTasks.delete(key);
        m.spans.push({ lane: from, t: s.t, end: e.t, kind: 'task', label: `${String(e.task)} #${String(e.iteration)}`, i: s.i });
        return;
      }
    }
    m.points.push({ i, lane: from });
  });
  for (const key of [...openFaults.keys()]) closeFault(key, t1);
  for (const [key, s] of openTasks) m.spans.push({ lane: lane.get(key.split(':')[0])!, t: s.t, end: t1, kind: 'task', label: `${key.split(':')[1]} (running)`, i: s.i });

  // The violation: at its time, on the lane of the event that broke the invariant when known.
  for (const v of violations) {
    const t = t0 + v.atMs;
    const at = v.event ? events.findIndex((e) => e.t === v.event!.t && e.kind === v.event!.kind && e.node === v.event!.node) : -1;
    const checker = events.findIndex((e) => e.kind === 'invariant.violated' && e.invariant === v.invariant);
    const i = at >= 0 ? at : checker >= 0 ? checker : undefined;
    m.violations.push({ t, lane: i !== undefined ? lane.get(events[i].node)! : 0, invariant: v.invariant, message: v.message, ...(i !== undefined ? { i } : {}) });
  }
  return m;
}
