// The external update API over the fabric, from the operator's node: upload (inserted, then
// already_exists with the first upload's file name), view by version, status; bad bodies are 400s
// with a reason and leave the DB untouched; a different repo under a recorded version, the same repo
// in another archive, and an artifact whose hash is recorded with another version are 409s.
// Every answer is checked against omicron's external document (test/wire/openapi/nexus-external.json).
import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { targetReleaseInsert } from '../../nexus/index.js';
import { repoToZip } from '../../nexus/tuf/repo-zip.js';
import { buildTufRack, scenarioRepo } from '../../scenarios/replication/tuf-rack.js';
import { UpdateOperator, repoIdOf } from '../../scenarios/update-operator.js';
import { World, type TraceEvent } from '../../sim/index.js';
import { wireComplaint } from './openapi-oracle.js';

const PUT = ['PUT', '/v1/system/update/repositories'] as const;
const VIEW = ['GET', '/v1/system/update/repositories/18.0.0'] as const;
const STATUS = ['GET', '/v1/system/update/status'] as const;
/** Why omicron's external document refuses this answer (undefined: it accepts it). */
const ext = ([method, url]: readonly [string, string], a: { status: number; body?: unknown }) => wireComplaint('nexus-external', { method, url, status: a.status, body: a.body ?? null });

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function run<T>(w: World, body: () => Promise<T>): Promise<T> {
  let out: { v: T } | { e: unknown } | undefined;
  body().then(
    (v) => (out = { v }),
    (e) => (out = { e }),
  );
  await w.sched.run({ stop: () => out !== undefined, untilMs: w.now + 3600_000 });
  if (!out) throw new Error('body did not finish');
  if ('e' in out) throw out.e;
  return out.v;
}

const rowCounts = (w: World) =>
  Object.fromEntries(['tuf_repo', 'tuf_artifact', 'tuf_repo_artifact'].map((t) => [t, (w.sql.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]));

describe('external update API (PUT /v1/system/update/repositories, GET .../{version}, GET /v1/system/update/status)', () => {
  it('uploads, re-uploads, views and reports status as omicron answers', async () => {
    const w = new World({ seed: 3, netLatency: { kind: 'const', ms: 5 }, dbLatency: { kind: 'const', ms: 2 }, keepTrace: true });
    const t = await run(w, () => buildTufRack(w, { sleds: 3, nexus: 2, design: 'generation' }));
    const op = UpdateOperator.onWorld(w);
    const [a, b] = t.rack.nexus;
    const repo = scenarioRepo(1, '18.0.0', 3);
    const out = await run(w, async () => {
      const before = await op.status(a.externalUrl);
      const first = await op.putRepositoryBytes(a.externalUrl, 'first.zip', repoToZip(repo));
      await w.sched.sleep(1000);
      const again = await op.putRepositoryBytes(b.externalUrl, 'second.zip', repoToZip(repo));
      const viewed = await op.repository(b.externalUrl, '18.0.0');
      const missing = await op.repository(b.externalUrl, '19.0.0');
      await targetReleaseInsert(a.process.db, w.now, repoIdOf(w, '18.0.0'));
      const after = await op.status(b.externalUrl);
      // A pruned repo is not found by version (tuf_repo_get_by_version filters time_pruned IS NULL).
      w.sql.prepare("UPDATE tuf_repo SET time_pruned = '2026-01-01T00:10:00.000Z' WHERE system_version = '18.0.0'").run();
      const pruned = await op.repository(b.externalUrl, '18.0.0');
      return { before, first, again, viewed, missing, after, pruned };
    });
    expect(out.first.status).toBe(200);
    expect(ext(PUT, out.first)).toBeUndefined();
    expect(ext(PUT, out.again)).toBeUndefined();
    expect(out.first.body!.status).toBe('inserted');
    expect(out.first.body!.repo).toMatchObject({ file_name: 'first.zip', system_version: '18.0.0' });
    // The hash is the archive's (compute_archive_sha256), and the same repo zips to the same bytes.
    const { createHash } = await import('node:crypto');
    expect(out.first.body!.repo.hash).toBe(createHash('sha256').update(repoToZip(repo)).digest('hex'));
    // A re-upload: already_exists, the recorded (first) file name, a new time_created.
    expect(out.again.status).toBe(200);
    expect(out.again.body!.status).toBe('already_exists');
    expect(out.again.body!.repo.file_name).toBe('first.zip');
    expect(out.again.body!.repo.hash).toBe(out.first.body!.repo.hash);
    expect(Date.parse(out.again.body!.repo.time_created)).toBeGreaterThan(Date.parse(out.first.body!.repo.time_created));
    expect(out.viewed.status).toBe(200);
    expect(ext(VIEW, out.viewed)).toBeUndefined();
    expect(out.viewed.body).toEqual(out.again.body!.repo);
    expect(out.missing.status).toBe(404);
    expect(ext(VIEW, out.missing)).toBeUndefined();
    expect(ext(VIEW, out.pruned)).toBeUndefined();
    expect((out.missing.body as unknown as { message: string }).message).toBe('not found: tuf-repo with id "19.0.0"');
    expect(out.pruned.status).toBe(404);
    expect((out.pruned.body as unknown as { message: string }).message).toBe('not found: tuf-repo with id "18.0.0"');
    for (const s of [out.before, out.after]) expect(ext(STATUS, s)).toBeUndefined();
    expect(out.before.body).toMatchObject({ target_release: null, components_by_release_version: { 'install dataset': 3 }, suspended: false, contact_support: false });
    expect(out.after.body!.target_release).toMatchObject({ version: '18.0.0' });
    // The upload reached the task through the real handler: it was inserted, then handed off.
    const events = w.trace.lines!.map((l) => JSON.parse(l) as TraceEvent);
    const kinds = events.filter((e) => e.node === a.name && (e.kind.startsWith('tuf.upload') || e.kind === 'tuf.repo_inserted')).map((e) => e.kind);
    expect(kinds.slice(0, 3), 'the first upload, on nexus-0').toEqual(['tuf.upload_received', 'tuf.upload_started', 'tuf.repo_inserted']);
    w.close();
  });

  it('refuses bad bodies with a 400 and a reason, and a different repo under a known version with a 409; the DB is unchanged', async () => {
    const w = new World({ seed: 4, netLatency: { kind: 'const', ms: 5 }, dbLatency: { kind: 'const', ms: 2 } });
    const t = await run(w, () => buildTufRack(w, { sleds: 2, nexus: 1, design: 'generation' }));
    const op = UpdateOperator.onWorld(w);
    const url = t.rack.nexus[0].externalUrl;
    const repo = scenarioRepo(1, '18.0.0', 2);
    const good = repoToZip(repo);
    const tampered = (() => {
      const bad = scenarioRepo(1, '18.0.0', 2);
      const bytes = new Uint8Array(bad.artifacts[0].bytes);
      bytes[0] ^= 1;
      return repoToZip({ ...bad, artifacts: [{ ...bad.artifacts[0], bytes }, bad.artifacts[1]] });
    })();
    const out = await run(w, async () => {
      const answers: Record<string, { status: number; body?: unknown }> = {
        notZip: await op.putRepositoryBytes(url, 'x.zip', new TextEncoder().encode('not a zip')),
        empty: await op.putRepositoryBytes(url, 'x.zip', new Uint8Array()),
        noManifest: await op.putRepositoryBytes(url, 'x.zip', zipSync({ 'README': new Uint8Array([1]) })),
        badJson: await op.putRepositoryBytes(url, 'x.zip', zipSync({ 'repo/metadata/artifacts.json': new TextEncoder().encode('{') })),
        tampered: await op.putRepositoryBytes(url, 'x.zip', tampered),
        badVersion: await op.putRepositoryBytes(url, 'x.zip', zipSync({ 'repo/metadata/artifacts.json': new TextEncoder().encode(JSON.stringify({ system_version: 'eighteen', targets_role_version: 1, artifacts: [] })) })),
      };
      // Any content type is the zip's (dropshot's StreamingBody): a JSON or text label is no excuse.
      for (const type of ['application/json', 'text/plain']) {
        const r = await op.ctx.fetch(`${url}/v1/system/update/repositories?file_name=x.zip`, { method: 'PUT', headers: { 'content-type': type }, body: 'not a zip' });
        answers[type] = { status: r.status, body: await r.json() };
      }
      const tooNew = await op.ctx.fetch(`${url}/v1/system/update/status`, { headers: { 'api-version': '2026081902.0.0' } });
      answers.tooNew = { status: tooNew.status, body: await tooNew.json() };
      const countsAfterBad = rowCounts(w);
      // No file_name: dropshot's query extractor refuses it before the body is read.
      const noName = await op.ctx.fetch(`${url}/v1/system/update/repositories`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: good as Uint8Array<ArrayBuffer> });
      answers.noFileName = { status: noName.status, body: await noName.json() };
      answers.ok = await op.putRepositoryBytes(url, 'x.zip', good);
      answers.clash = await op.putRepositoryBytes(url, 'y.zip', repoToZip(scenarioRepo(1, '18.0.0', 3)));
      // The same repo in another archive (one more file): same artifacts, another archive hash.
      // The same repo in another archive; built once, since fflate stamps entries with the wall
      // clock unless told otherwise (two builds can differ, and so would their hashes).
      const extra = zipSync({ ...unzipSync(good), 'repo/README': new Uint8Array([1]) });
      answers.hashClash = await op.putRepositoryBytes(url, 'z.zip', extra);
      // A new version whose first artifact is an 18.0.0 artifact's bytes stamped with another version.
      const next = scenarioRepo(1, '19.0.0', 2);
      const [old0] = repo.artifacts;
      answers.artifactClash = await op.putRepositoryBytes(url, 'n.zip', repoToZip({ ...next, artifacts: [{ ...old0, version: '19.0.0' }, next.artifacts[1]] }));
      return { answers, countsAfterBad, countsAfterClash: rowCounts(w), hashes: { good: sha256Hex(good), extra: sha256Hex(extra) }, old0 };
    });
    const msg = (k: string) => (out.answers[k].body as { message: string }).message;
    for (const k of ['notZip', 'empty', 'noManifest', 'badJson', 'tampered', 'badVersion']) {
      expect(out.answers[k].status, k).toBe(400);
      expect(ext(PUT, out.answers[k]), k).toBeUndefined();
    }
    for (const [k, a] of Object.entries(out.answers)) expect(ext(k === 'tooNew' ? STATUS : PUT, a), k).toBeUndefined();
    expect(msg('notZip')).toMatch(/^error opening zip archive/);
    for (const type of ['application/json', 'text/plain']) expect({ type, status: out.answers[type].status, message: msg(type) }).toEqual({ type, status: 400, message: msg('notZip') });
    expect(msg('noManifest')).toBe('zip archive has no repo/metadata/artifacts.json');
    expect(msg('tampered')).toMatch(/expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}/);
    expect(msg('badVersion')).toMatch(/^invalid system version "eighteen"/);
    // on_missing(latest): no header is fine (every call above); a newer one is refused before routing.
    expect(out.answers.tooNew).toMatchObject({ status: 400, body: { message: 'server does not support this API version: 2026081902.0.0' } });
    expect(out.countsAfterBad).toEqual({ tuf_repo: 0, tuf_artifact: 0, tuf_repo_artifact: 0 });
    expect(out.answers.ok.status).toBe(200);
    expect(out.answers.clash.status).toBe(409);
    expect(out.answers.clash.body).toMatchObject({ error_code: 'Conflict' });
    expect(msg('clash')).toBe('Uploaded repository with system version 18.0.0 does not have the same artifacts as existing repository with same system version');
    // omicron's InsertError::RepoHashMismatch and ::ArtifactMismatch, both `Error::conflict` (409).
    expect(out.answers.hashClash).toMatchObject({ status: 409, body: { error_code: 'Conflict' } });
    expect(msg('hashClash')).toBe(`Uploaded repository with system version 18.0.0 has SHA256 hash ${out.hashes.extra}, but existing repository has SHA256 hash ${out.hashes.good}.`);
    expect(out.answers.artifactClash).toMatchObject({ status: 409, body: { error_code: 'Conflict' } });
    const a = out.old0;
    expect(msg('artifactClash')).toBe(
      `Uploaded artifacts don't match existing artifacts:\n- Uploaded artifact with SHA-256 checksum ${a.sha256} has length ${a.size} and version 19.0.0, but existing artifact with SHA-256 checksum ${a.sha256} has length ${a.size} and version 18.0.0.\n`,
    );
    // dropshot's words for a missing query parameter, and no error code (`for_bad_request(None, ..)`).
    expect(out.answers.noFileName).toEqual({ status: 400, body: { request_id: expect.any(String), message: 'unable to parse query string: missing field `file_name`' } });
    expect(out.countsAfterClash).toEqual({ tuf_repo: 1, tuf_artifact: 2, tuf_repo_artifact: 2 });
    w.close();
  });
});
