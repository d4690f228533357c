import { describe, expect, it } from 'vitest';
import { rackSmoke } from '../../scenarios/rack-smoke.js';
import { runScenario } from '../../scenarios/runner.js';
import { expectVerdict } from '../support/verdicts.js';

describe('rack-smoke', () => {
  it('holds over its CI seed range', async () => {
    const results = await expectVerdict(rackSmoke, 'default', { seeds: 60 });
    // Every sled registered with a Nexus and every Nexus probed every sled agent and depot.
    for (const r of results) expect(r.invariants.every((i) => i.verdict === 'held')).toBe(true);
  });

  it('catches an unreachable sled: a depot nobody can reach fails every-sled-reached', async () => {
    // A sled registered with a repo-depot port nothing listens on: the probe gets refused.
    const broken = {
      ...rackSmoke,
      name: 'rack-smoke-broken',
      async setup(args: Parameters<typeof rackSmoke.setup>[0]) {
        const run = await rackSmoke.setup(args);
        args.world.sql.prepare('UPDATE sled SET repo_depot_port = 1 WHERE rowid = 1').run();
        return run;
      },
    };
    const r = await runScenario(broken, { seed: 3 });
    expect(r.verdict).toBe('fail');
    expect(r.violations.map((v) => v.invariant)).toContain('script-finishes');
  });

  it('a scenario whose setup throws fails fast with that error, not after a day of simulated time', async () => {
    const broken = {
      ...rackSmoke,
      name: 'rack-smoke-setup-throws',
      async setup(args: Parameters<typeof rackSmoke.setup>[0]) {
        await rackSmoke.setup(args); // Nexus tasks are running now
        throw new Error('setup exploded');
      },
    };
    await expect(runScenario(broken, { seed: 1 })).rejects.toThrow('setup exploded');
  });

  it('each client carries the deadlines of the omicron client it stands for', async () => {
    // Nexus -> sled agent and depot: nexus/networking's default_reqwest_client_builder, 60 s / 60 s.
    // Sled agent -> Nexus: reqwest's defaults, no deadline (a lost message fails where illumos's TCP gives up).
    const r = await runScenario(rackSmoke, { seed: 1, keepTrace: true });
    const sent = r.trace!.map((l) => JSON.parse(l)).filter((e) => e.kind === 'http.sent');
    const deadlines = (from: RegExp, to: RegExp) =>
      new Set(sent.filter((e) => from.test(e.node) && to.test(e.to)).map((e) => `${e.connectTimeoutMs}/${e.timeoutMs}`));
    expect(deadlines(/^nexus-/, /^sled-/)).toEqual(new Set(['60000/60000']));
    expect(deadlines(/^sled-/, /^nexus-/)).toEqual(new Set(['180000/null']));
  });

  it('scales the rack from the flags', async () => {
    const r = await runScenario(rackSmoke, { seed: 2, sleds: 9, nexus: 3 });
    expect(r.verdict).toBe('pass');
    expect(r.config).toMatchObject({ sleds: 9, nexus: 3 });
  });
});
