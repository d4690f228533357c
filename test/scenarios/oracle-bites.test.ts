// The oracle bites: rack-smoke counts a repo depot as reached only on the depot API's own 404 for a
// missing artifact. A depot whose artifact route is misspelt (a one-line change, applied by
// replacing the app builder through test/support/mutant.ts) still answers 404, from the router:
// every-sled-reached must not accept that.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { dropshotErrors } from '../../agents/dropshot-errors.js';
import { serveSleds, type SledServing } from '../../agents/serving.js';
import { runScenario } from '../../scenarios/runner.js';
import type { ScenarioDef } from '../../scenarios/types.js';
import { loadMutant, type Patch } from '../support/mutant.js';

describe('rack-smoke mutants', () => {
  it('a depot whose artifact route 404s from the router is caught by every-sled-reached', async () => {
    const misspeltRoute: Patch = () => ({
      // The shipped builder with the route's path misspelt (`artifacts` for `artifact`).
      buildRepoDepotApp: async (_protocol: unknown, resolve: (host: string | undefined) => SledServing | undefined) => {
        const app = Fastify({ logger: false, exposeHeadRoutes: false });
        serveSleds(app, resolve);
        dropshotErrors(app);
        app.get('/artifacts/sha256/:sha256', async (_req, reply) => reply.code(500).send());
        await app.ready();
        return app;
      },
    });
    const { rackSmoke } = await loadMutant<{ rackSmoke: ScenarioDef }>({ 'agents/repo-depot-api.ts': misspeltRoute }, 'scenarios/rack-smoke.ts');
    const r = await runScenario(rackSmoke, { seed: 1 });
    expect(r.violations.map((v) => v.invariant)).toEqual(['every-sled-reached']);
    expect(r.violations[0].message).toMatch(/never reached the repo depot .*answered 404/);
  });
});
