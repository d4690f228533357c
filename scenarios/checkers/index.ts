export { oneOutcomePerRequest, Reachability } from './http-outcomes.js';
export { actionInOneSec, logWrittenByCurrentSec, sagasEndDone, stuckIffOld } from './sagas.js';
