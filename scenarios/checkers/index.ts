export { DepotAnswers, oneOutcomePerRequest, Reachability } from './http-outcomes.js';
export { actionInOneSec, logWrittenByCurrentSec, sagasEndDone, stuckIffOld } from './sagas.js';
export { ArtifactCopies } from './artifacts-copies.js';
export { neverBackwards, noTotalLoss } from './artifacts-safety.js';
export { replicasConverge, noStaleArtifacts, noLocalRepoKept } from './artifacts-liveness.js';
export { localDroppedOnlyWhenReplicated, noWritesOnSupersededConfig, OMICRON_MIN_SLED_REPLICATION, requiredSleds } from './artifacts-replication.js';
export { SitrepLedger, snapshotSitrep, loadedSitrepMatchesInserted, loadersCatchUp, parentCurrentWhenMadeCurrent, type LoaderNode, type SitrepSnapshot } from './fm-sitrep.js';
export { deletedAlertNeverRecreated, alertsOnlyFromCurrentSitreps, markersBoundedAfterHeal } from './fm-alerts.js';
export { deletedBundleNeverHandedOut } from './fm-bundles.js';
