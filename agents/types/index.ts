// The wire types shared by the sled agent (server) and Nexus (client): declarations only, no
// values, so `import type` from here is all nexus/ may take from agents/ (see README, "Layout").
export type * from './dropshot.js';
export type * from './nexus-internal.js';
export type * from './repo-depot.js';
export type * from './sled-agent.js';
