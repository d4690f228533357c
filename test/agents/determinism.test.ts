import { describe, it, expect } from 'vitest';
import { artifact, rack } from './fixture.js';

const xs = Array.from({ length: 4 }, (_, i) => artifact(`det-${i}`, 1_500_000));

async function once(seed: number): Promise<string> {
  const { sleds, run, world } = await rack({ sleds: 2, seed });
  const [s0, s1] = sleds;
  await run(async () => {
    await Promise.all(sleds.map((s) => s.client.artifactConfigPut({ generation: 1, artifacts: xs.map((x) => x.sha) })));
    await Promise.all(xs.map((x) => s0.client.artifactPut(x.sha, 1, x.bytes)));
    await Promise.all(xs.slice(0, 2).map((x) => s1.client.artifactPut(x.sha, 1, x.bytes)));
    await Promise.all(sleds.map((s) => s.client.artifactConfigPut({ generation: 2, artifacts: [xs[0].sha] })));
  });
  return world.trace.digest();
}

describe('determinism', () => {
  it('same seed, same trace hash', async () => {
    expect(await once(7)).toBe(await once(7));
  });
});
