// omdb's saga commands, line for line as omicron's dev-tools/omdb/tests/successes.out prints them
// (b848b6df85), for a state the simulation makes: `nexus sagas list` (note and NOTE on stderr,
// the tabled table with its trailing spaces on stdout), `demo-create`, a failed `demo-complete`,
// and the STALE SAGAS section (PR #10027's display_stale_sagas).
import { afterEach, describe, expect, it } from 'vitest';
import { chronoUtc, omdbDemoComplete, omdbDemoCreate, omdbSagasList, omdbTerminal, stuckSagasText } from '../../nexus/index.js';
import { lockstepUrl } from '../../scenarios/saga-client.js';
import { sagaWorld, settle, type SagaFixture } from '../saga/fixture.js';
import { demoCompleteFailed } from '../support/omdb-demo-complete.js';

describe('omdb nexus sagas', () => {
  let f: SagaFixture | undefined;
  afterEach(() => f?.world.close());

  it('list, demo-create and a demo-complete Nexus refuses', async () => {
    f = await sagaWorld();
    const n = f.nexus[0];
    await settle(f.world, async () => {
      await n.start();
      const url = lockstepUrl(n);
      expect(url).toBe('http://[fd00:1122:3344:1::a]:12232');
      const empty = omdbSagasList(await f!.omdb.sagas(n), url);
      expect(empty).toEqual({
        stdout: ['SAGA_ID STATE '],
        stderr: [
          'note: using Nexus URL http://[fd00:1122:3344:1::a]:12232',
          'NOTE: This command only reads in-memory state from the targeted Nexus instance.',
          'Sagas may be missing if they were run by a different Nexus instance or if they',
          'finished before this Nexus instance last started up.',
        ],
      });
      expect(empty.stderr.every((l) => l.length <= 80)).toBe(true);

      const demo = await f!.omdb.demoCreate(n);
      expect(omdbTerminal(omdbDemoCreate(demo, url))).toBe(
        ['note: using Nexus URL http://[fd00:1122:3344:1::a]:12232', `saga id:      ${demo.saga_id}`, `demo saga id: ${demo.demo_saga_id} (use this with \`demo-complete\`)`].join('\n'),
      );
      expect(omdbSagasList(await f!.omdb.sagas(n), url).stdout).toEqual(['SAGA_ID                              STATE   ', `${demo.saga_id} running `]);

      // The saga id where the demo saga id belongs: Nexus answers 404.
      const refused = await f!.omdb.demoComplete(n, demo.saga_id);
      const at = f!.world.now;
      const body = refused.body as { request_id: string };
      const len = Buffer.byteLength(JSON.stringify(refused.body));
      const cause =
        `Error Response: status: 404 Not Found; headers: {"content-type": "application/json", "x-request-id": "${body.request_id}", ` +
        `"content-length": "${len}", "date": "${new Date(at).toUTCString()}"}; ` +
        `value: Error { error_code: Some("Not Found"), message: "demo saga with demo saga id ${demo.saga_id} (demo_saga)", request_id: "${body.request_id}" }`;
      expect(omdbDemoComplete(refused, url, at)).toEqual({
        exitCode: 1,
        stdout: [],
        stderr: demoCompleteFailed('http://[fd00:1122:3344:1::a]:12232', [cause]),
      });
      expect(omdbDemoComplete(await f!.omdb.demoComplete(n, demo.demo_saga_id), url, f!.world.now)).toEqual({ exitCode: 0, stdout: [], stderr: ['note: using Nexus URL http://[fd00:1122:3344:1::a]:12232'] });
      await f!.omdb.awaitSagaState(n, demo.saga_id, 'succeeded', 10, 100);
      expect(omdbSagasList(await f!.omdb.sagas(n), url).stdout).toEqual(['SAGA_ID                              STATE     ', `${demo.saga_id} succeeded `]);
    });
  });
});

describe('STALE SAGAS', () => {
  const report = (stuck: { current_sec: string | null; time_created: string }[]) => ({
    checked_at: '2026-01-01T00:30:00.000Z',
    threshold_ms: 15 * 60_000,
    limit: 1000,
    stuck_sagas: stuck.map((s, i) => ({ name: i === 0 ? 'demo' : 'instance-start', id: `0000000${i}-0000-4000-8000-000000000000`, state: i === 0 ? 'running' : 'unwinding', creator: '11111111-1111-4111-8111-111111111111', ...s })),
  });

  it('none, then a table indented eight with tabled padding, current_sec "none", chrono times', () => {
    expect(stuckSagasText(report([]))).toBe(['', 'STALE SAGAS', '    No sagas have been running or unwinding for longer than 15 minutes'].join('\n'));
    expect(
      stuckSagasText(
        report([
          { current_sec: '22222222-2222-4222-8222-222222222222', time_created: '2026-01-01T00:01:02.250Z' },
          { current_sec: null, time_created: '2026-01-01T00:02:00.000Z' },
        ]),
      ),
    ).toBe(
      [
        '',
        'STALE SAGAS',
        '    Found 2 running or unwinding for longer than 15 minutes',
        '        NAME               ID                                       STATE         CREATOR                                  CURRENT_SEC                              TIME_CREATED                ',
        '        demo               00000000-0000-4000-8000-000000000000     running       11111111-1111-4111-8111-111111111111     22222222-2222-4222-8222-222222222222     2026-01-01 00:01:02.250 UTC ',
        '        instance-start     00000001-0000-4000-8000-000000000000     unwinding     11111111-1111-4111-8111-111111111111     none                                     2026-01-01 00:02:00 UTC     ',
      ].join('\n'),
    );
  });

  it("chrono's DateTime<Utc> Display drops a zero fraction and keeps milliseconds", () => {
    expect(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.100Z', '2026-01-01T00:00:00.001Z'].map(chronoUtc)).toEqual([
      '2026-01-01 00:00:00 UTC',
      '2026-01-01 00:00:00.100 UTC',
      '2026-01-01 00:00:00.001 UTC',
    ]);
  });
});
