// `--html FILE`: one self-contained page (no network: data, style and script inline) showing a run
// as a timeline, in the manner of Maelstrom's and TigerBeetle's run pictures.
import { HTML_MARKER } from '../cli/paths.js';
import type { RunResult } from '../runner.js';
import { CLIENT_JS } from './client.js';
import { buildModel, type TimelineEvent } from './model.js';
import { STYLE } from './style.js';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** JSON safe inside <script>: no `</script>` or `<!--` can end the block early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function renderTimeline(r: RunResult, traceLines: readonly string[]): string {
  const events = traceLines.filter((l) => l.length > 0).map((l) => JSON.parse(l) as TimelineEvent);
  const title = `${r.scenario} --variant ${r.variant} --seed ${r.seed}: ${r.verdict.toUpperCase()}`;
  const model = buildModel(title, events, r.violations);
  const summary = r.violations.length === 0 ? 'every invariant held' : r.violations.map((v) => `${v.invariant}: ${v.message}`).join(' | ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${HTML_MARKER}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(title)}</h1>
  <p class="${r.verdict}">${escapeHtml(summary)}</p>
  <p class="help">wheel: zoom · drag: pan · click an event: its JSON · <button id="fit" type="button">fit</button>
  <span class="key"><i class="k-req"></i>request <i class="k-fail"></i>failed <i class="k-db"></i>DB statement <i class="k-fault"></i>fault <i class="k-task"></i>task activation <i class="k-viol"></i>violation</span></p>
</header>
<main>
  <div id="view"><canvas id="canvas"></canvas><div id="labels"></div><div id="markers"></div></div>
  <aside><h2>event</h2><pre id="detail">click an event</pre></aside>
</main>
<script type="application/json" id="model">${scriptJson(model)}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}
