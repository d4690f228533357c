// Replication at the real 300 s period: a rack of `sleds` sleds and 3 Nexus gets a 30-artifact
// repo, converges, then runs on its own for `hours` of simulated time (every Nexus's task wakes
// every 300 s, pushes its config to every sled and lists it). Reports simulated over wall time
// for that steady phase, with the invariants still watching. argv: <sleds> <hours>
import { performance } from 'node:perf_hooks';
import { updatesPutRepository } from '../../nexus/index.js';
import { World } from '../../sim/index.js';
import { converge } from '../replication/heal.js';
import { buildTufRack, scenarioRepo } from '../replication/tuf-rack.js';

const [sledsArg, hoursArg] = process.argv.slice(2);
const sleds = Number(sledsArg ?? 32);
const hours = Number(hoursArg ?? 24);
const world = new World({ seed: 1 });
const violations: string[] = [];
let done = false;
let steadyStartWall = 0;
let steadyStartSim = 0;
const main = (async () => {
  const t = await buildTufRack(world, { sleds, nexus: 3, design: 'generation' });
  world.trace.subscribe((ev) => {
    for (const inv of t.invariants) {
      const m = inv.onEvent?.(ev);
      if (m) violations.push(`${inv.name}: ${m}`);
    }
  });
  await updatesPutRepository(t.rack.nexus[0].process, scenarioRepo(1, '18.0.0', 30));
  await converge(t);
  steadyStartWall = performance.now();
  steadyStartSim = world.now;
  await world.sched.sleep(hours * 3_600_000);
  for (const inv of t.invariants) {
    const m = await inv.atEnd?.();
    if (m) violations.push(`${inv.name}: ${m}`);
  }
  done = true;
})();
await world.sched.run({ stop: () => done || violations.length > 0 });
await Promise.race([main, Promise.resolve()]);
const wallMs = performance.now() - steadyStartWall;
const simMs = world.now - steadyStartSim;
console.log(
  JSON.stringify({
    phase: 'steady state, 300 s period',
    sleds,
    nexus: 3,
    artifacts: 30,
    simHours: hours,
    wallMs: Math.round(wallMs),
    speedup: Math.round(simMs / wallMs),
    events: world.sched.eventsRun,
    violations,
  }),
);
world.close();
