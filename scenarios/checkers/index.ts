export { oneOutcomePerRequest, Reachability } from './http-outcomes.js';
export { SitrepLedger, snapshotSitrep, loadedSitrepMatchesInserted, parentCurrentWhenMadeCurrent, type SitrepSnapshot } from './fm-sitrep.js';
export { deletedAlertNeverRecreated, alertsOnlyFromCurrentSitreps, markersBoundedAfterHeal } from './fm-alerts.js';
