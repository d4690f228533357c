// Trace events of the simulated network (sim/fabric.ts): one request's send, answer or failure,
// and a leg the fault policy lost.
export interface NetEvents {
  'http.sent': { req: number; to: string; method: string; url: string; timeoutMs: number | null; connectTimeoutMs: number };
  'http.response': { req: number; status: number };
  'http.failed': { req: number; error: string };
  'net.lost': { req: number; leg: 'req' | 'resp'; reason: string };
}
