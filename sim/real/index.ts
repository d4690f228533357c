// The real implementations of the seams, for the live rack (madsim-style: one interface, a sim
// and a real implementation, chosen where the world is wired). Exempt from the determinism lint.
export { RealClock } from './clock.js';
export { CryptoRng } from './rng.js';
export { RealNode } from './node.js';
export { RealDb } from './db.js';
export { LoopbackNode, ScaledClock } from './loopback-node.js';
