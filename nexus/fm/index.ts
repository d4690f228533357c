// nexus/fm: fault management (RFD 603): sitreps, their commit/read/GC, alert designs, FM tasks.
export { FM_SCHEMA } from './schema.js';
export type * from './types.js';
export { fmPlugin } from './plugin.js';
export { alertRequestContent, fmState, sitrepSummary, type FmOptions, type FmState, type SitrepSummary } from './state.js';
export { buildSitrep, caseKey, RESOLVED_CLASS, type Ereport } from './builder.js';
export { fmSitrepInsert, ParentNotCurrent } from './commit.js';
export { fmSitrepRead, fmSitrepReadCurrentTx, fmCurrentSitrepVersion, SitrepNotFound } from './read.js';
export { fmSitrepGcOrphans, fmSitrepHistoryPrune } from './gc.js';
export { fmRendezvousAlertCreate, guardedInsert, type AlertCreateOutcome } from './alert-insert.js';
export { alertDelete } from './alert-delete.js';
export { alertMarkerGc, deleteMarkerBatch } from './marker-gc.js';
export { fmRendezvousProgressAdvance, fmTombstoneSweep, selectTracker, tombstoneSweepStatement, versionGuardPasses } from './tombstone.js';
export * from './support-bundle.js';
export { insertConfig, selectConfig } from './rows.js';
export { fmSitrepGcLines, fmSitrepLoaderLines, showFmSitrepGc, showFmSitrepLoader } from './omdb.js';
export { FM_ANALYSIS, FM_HISTORY_PRUNE, FM_RENDEZVOUS, FM_SITREP_GC, FM_SITREP_LOAD } from './tasks/names.js';
export { q as cachedStatement } from './stmt.js';
