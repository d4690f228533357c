// dropshot's error body, shared by every simulated server (sim/dropshot/error-schema.ts).
export { ERROR_RESPONSES, ERROR_SCHEMA } from '../../../sim/index.js';
