// The FM background tasks' names (omicron's task names, as `GET /bgtasks` lists them). In their own
// file so the tasks can activate one another without importing one another.
export const FM_SITREP_LOAD = 'fm_sitrep_loader';
export const FM_ANALYSIS = 'fm_analysis';
export const FM_RENDEZVOUS = 'fm_rendezvous';
export const FM_HISTORY_PRUNE = 'fm_sitrep_history_pruner';
export const FM_SITREP_GC = 'fm_sitrep_gc';
export const FM_CONFIG_LOAD = 'fm_config_loader';
