export { oneOutcomePerRequest, Reachability } from './http-outcomes.js';
