// What the network does with one message. The fabric asks a NetPolicy; faults are decorators that
// wrap one (one fault per file), TigerBeetle packet-simulator style.
import type { Rng } from '../types.js';

export interface Message {
  from: string;
  to: string;
  /** 'req' travels client -> server, 'resp' server -> client. */
  leg: 'req' | 'resp';
  bytes: number;
}

export type Verdict = { deliver: true; delayMs: number } | { deliver: false; reason: 'drop' | 'partition' };

export interface NetPolicy {
  route(msg: Message, rng: Rng): Verdict;
}
