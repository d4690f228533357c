// SitrepBuilder (omicron nexus/fm/src/builder.rs), reduced to one stand-in diagnosis engine:
// every part with open ereports gets a case (carried forward by its comment key), each case one
// alert request (and a support-bundle request when its ereports ask for one). A 'resolved' ereport
// closes the part's case: as in omicron, the sitrep that closes it keeps the case (closed_sitrep_id
// set) and its requests (Sitrep::alerts_requested, nexus/types/src/fm.rs, covers closed cases).
// omicron copies a closed case forward while it has ereports not yet marked seen
// (analysis_input.rs, branch a14affff83); we do not model marking, so every closed case is copied
// forward zero more times (its ereports count as marked by the next analysis). Request ids and requested_sitrep_id are carried
// forward unchanged while the case lives. alert_generation (support_bundle_generation) bumps iff
// the alert (bundle) request set changed vs the parent; the first sitrep has 1.
import type { Rng } from '../../sim/index.js';
import type { AlertRequest, DiagnosisEngine, FmCase, Sitrep, SupportBundleRequest } from './types.js';

export interface Ereport {
  id: string;
  class: string;
  part_serial: string;
  de: DiagnosisEngine;
  wants_bundle: number;
}

export const RESOLVED_CLASS = 'resolved';

export interface BuildInput {
  parent: Sitrep | undefined;
  ereports: readonly Ereport[];
  rng: Rng;
  creatorId: string;
  now: string;
}

export function caseKey(de: string, serial: string): string {
  return `${de}:${serial}`;
}

/** The child sitrep, or undefined when diagnosis would not change anything. */
export function buildSitrep(inp: BuildInput): Sitrep | undefined {
  const { parent } = inp;
  const open = openParts(inp.ereports);
  const byKey = new Map((parent?.cases ?? []).map((c) => [c.comment, c]));
  const id = inp.rng.uuid();

  const cases: FmCase[] = [];
  const alerts: AlertRequest[] = [];
  const bundles: SupportBundleRequest[] = [];
  // Cases the parent had open whose part is no longer open close here and stay in this sitrep.
  const closing = (parent?.cases ?? []).filter((c) => c.closed_sitrep_id === null && !open.has(c.comment));
  for (const [key, part] of open) {
    const prior = byKey.get(key);
    const c: FmCase = prior ?? { id: inp.rng.uuid(), de: part.de, created_sitrep_id: id, closed_sitrep_id: null, comment: key };
    cases.push(c);
    const priorAlert = parent?.alert_requests.find((r) => r.case_id === c.id);
    alerts.push(
      priorAlert ?? {
        id: inp.rng.uuid(),
        requested_sitrep_id: id,
        case_id: c.id,
        alert_class: `hw.${part.de}.fault`,
        payload: JSON.stringify({ part_serial: part.serial }),
        comment: `fault on ${key}`,
        alert_version: 0,
      },
    );
    if (part.wantsBundle) {
      const priorBundle = parent?.support_bundle_requests.find((r) => r.case_id === c.id);
      bundles.push(priorBundle ?? { id: inp.rng.uuid(), requested_sitrep_id: id, case_id: c.id, comment: `bundle for ${key}` });
    }
  }
  for (const c of closing) {
    cases.push({ ...c, closed_sitrep_id: id });
    alerts.push(...(parent?.alert_requests ?? []).filter((r) => r.case_id === c.id));
    bundles.push(...(parent?.support_bundle_requests ?? []).filter((r) => r.case_id === c.id));
  }
  // Dropping an already-closed case alone is no reason for a new sitrep.
  const parentOpen = new Set((parent?.cases ?? []).filter((c) => c.closed_sitrep_id === null).map((c) => c.id));
  const sameCases = closing.length === 0 && cases.length === parentOpen.size && cases.every((c) => parentOpen.has(c.id));
  const alertsChanged = !sameIds(alerts, parent?.alert_requests ?? []);
  const bundlesChanged = !sameIds(bundles, parent?.support_bundle_requests ?? []);
  if (parent && sameCases && !alertsChanged && !bundlesChanged) return undefined;

  const pm = parent?.metadata;
  return {
    metadata: {
      id,
      parent_sitrep_id: pm?.id ?? null,
      inv_collection_id: inp.rng.uuid(),
      time_created: inp.now,
      creator_id: inp.creatorId,
      comment: `${cases.length - closing.length} open case(s)`,
      next_inv_min_time_started: null,
      alert_generation: pm ? pm.alert_generation + (alertsChanged ? 1 : 0) : 1,
      support_bundle_generation: pm ? pm.support_bundle_generation + (bundlesChanged ? 1 : 0) : 1,
    },
    cases,
    alert_requests: alerts,
    support_bundle_requests: bundles,
  };
}

function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
  if (a.length !== b.length) return false;
  const ids = new Set(b.map((x) => x.id));
  return a.every((x) => ids.has(x.id));
}

interface OpenPart {
  de: DiagnosisEngine;
  serial: string;
  wantsBundle: boolean;
}

/** Parts with fault ereports and no 'resolved' one, in a deterministic order. */
function openParts(ereports: readonly Ereport[]): Map<string, OpenPart> {
  const resolved = new Set(ereports.filter((e) => e.class === RESOLVED_CLASS).map((e) => caseKey(e.de, e.part_serial)));
  const open = new Map<string, OpenPart>();
  const sorted = [...ereports].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of sorted) {
    const key = caseKey(e.de, e.part_serial);
    if (e.class === RESOLVED_CLASS || resolved.has(key)) continue;
    const prior = open.get(key);
    open.set(key, { de: e.de, serial: e.part_serial, wantsBundle: (prior?.wantsBundle ?? false) || e.wants_bundle !== 0 });
  }
  return new Map([...open].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
