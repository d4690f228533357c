// `pnpm rack up`: a live rack on ::1 until SIGINT/SIGTERM. Prints one JSON line per service, a
// control line (POST /nexus/:j/restart restarts a Nexus) and {"kind":"ready"}; writes the same
// to <dir>/services.json for `pnpm omdb`. `pnpm rack upload-repo ...` uploads a repo to it
// (scenarios/live/upload-repo.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { parseRackFlags, UsageError } from './flags.js';
import { LiveRack } from './live-rack.js';
import { uploadRepoMain } from './upload-repo.js';

async function main(): Promise<void> {
  if (process.argv[2] === 'upload-repo') {
    const code = await uploadRepoMain(process.argv.slice(3), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
    process.exit(code);
  }
  let flags;
  try {
    flags = parseRackFlags(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const rack = await LiveRack.up({ sleds: flags.sleds, nexus: flags.nexus, dbFile: flags.db, periodScale: flags.periodScale });
  const control = Fastify({ logger: false });
  control.post<{ Params: { j: string } }>('/nexus/:j/restart', async (req, reply) => {
    const j = Number(req.params.j);
    if (!Number.isInteger(j) || j < 0 || j >= flags.nexus) return reply.code(404).send({ message: `no nexus-${req.params.j}` });
    await rack.restartNexus(j);
    return { restarted: `nexus-${j}` };
  });
  const controlUrl = (await control.listen({ host: '::1', port: 0 })).replace('::1', '[::1]').replace('[[::1]]', '[::1]');
  const lines = [...rack.services, { kind: 'control', node: 'rack', url: controlUrl }, { kind: 'ready' }];
  mkdirSync(flags.dir, { recursive: true });
  writeFileSync(join(flags.dir, 'services.json'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  for (const l of lines) process.stdout.write(JSON.stringify(l) + '\n');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await control.close();
    await rack.down();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  process.stderr.write(`rack: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
