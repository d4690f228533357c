// The one place the simulator touches the host event loop. Yielding to it lets every ready promise
// continuation (and Node-internal nextTick/immediate work of msw, undici and light-my-request) run;
// it never decides the order of simulated events, which is the scheduler's alone.
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
