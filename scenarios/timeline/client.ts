// The timeline page's script, inline in the page (plain browser JavaScript kept as a string so the
// page needs no build step and no network). A canvas draws lanes, request arrows, DB statements,
// fault spans and task activations; HTML holds the lane labels and the violation markers (so they
// stay crisp and a test can find them). Zoom on the wheel, pan by dragging, click for an event's JSON.
export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  var m = JSON.parse(document.getElementById('model').textContent);
  var view = document.getElementById('view');
  var canvas = document.getElementById('canvas');
  var labels = document.getElementById('labels');
  var markers = document.getElementById('markers');
  var detail = document.getElementById('detail');
  var ctx = canvas.getContext('2d');
  var LEFT = 130, TOP = 26, LANE_MIN = 18, LANE_MAX = 46;
  var width = 0, height = 0, laneH = LANE_MIN;
  var start = m.t0, scale = 1, top = 0; // ms at x=LEFT, px per ms, vertical scroll
  var hits = [];

  function x(t) { return LEFT + (t - start) * scale; }
  function y(lane) { return TOP + lane * laneH + laneH / 2 - top; }

  m.lanes.forEach(function (name, i) {
    var d = document.createElement('div');
    d.className = 'lane-label';
    d.dataset.node = name;
    d.textContent = name;
    labels.appendChild(d);
  });
  var markerEls = m.violations.map(function (v) {
    var d = document.createElement('div');
    d.className = 'violation-marker';
    d.dataset.invariant = v.invariant;
    d.textContent = 'VIOLATED ' + v.invariant + ': ' + v.message;
    d.addEventListener('click', function () { show(v.i !== undefined ? m.events[v.i] : v); });
    markers.appendChild(d);
    return d;
  });

  function fit() {
    var span = Math.max(1, m.t1 - m.t0);
    scale = (width - LEFT - 80) / span; // room right of the last event for the violation ring
    start = m.t0 - 10 / scale;
    top = 0;
    draw();
  }

  function resize() {
    var r = view.getBoundingClientRect();
    var dpr = window.devicePixelRatio || 1;
    width = Math.max(200, r.width); height = Math.max(100, r.height);
    canvas.width = Math.round(width * dpr); canvas.height = Math.round(height * dpr);
    canvas.style.width = width + 'px'; canvas.style.height = height + 'px';
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    laneH = Math.max(LANE_MIN, Math.min(LANE_MAX, (height - TOP - 8) / m.lanes.length));
  }

  function niceStep(ms) {
    var steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];
    for (var i = 0; i < steps.length; i++) if (steps[i] * scale >= 90) return steps[i];
    return steps[steps.length - 1];
  }

  function arrow(x1, y1, x2, y2, color) {
    ctx.strokeStyle = color; ctx.fillStyle = color;
    ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
    var a = Math.atan2(y2 - y1, x2 - x1);
    ctx.beginPath(); ctx.moveTo(x2, y2);
    ctx.lineTo(x2 - 7 * Math.cos(a - 0.4), y2 - 7 * Math.sin(a - 0.4));
    ctx.lineTo(x2 - 7 * Math.cos(a + 0.4), y2 - 7 * Math.sin(a + 0.4));
    ctx.closePath(); ctx.fill();
  }

  function visible(t1, t2) { return x(t2) >= LEFT - 10 && x(t1) <= width + 10; }

  function draw() {
    hits = [];
    ctx.clearRect(0, 0, width, height);
    // lanes
    for (var i = 0; i < m.lanes.length; i++) {
      var ly = y(i);
      ctx.fillStyle = i % 2 ? '#f6f8fa' : '#ffffff';
      ctx.fillRect(0, ly - laneH / 2, width, laneH);
      ctx.strokeStyle = '#d8dee4'; ctx.beginPath(); ctx.moveTo(LEFT, ly); ctx.lineTo(width, ly); ctx.stroke();
      labels.children[i].style.top = (ly - 8) + 'px';
      labels.children[i].style.display = ly < TOP - 4 || ly > height ? 'none' : 'block';
    }
    // axis
    var step = niceStep();
    ctx.fillStyle = '#57606a'; ctx.font = '11px ui-monospace, monospace';
    var first = Math.ceil((start - m.t0) / step) * step;
    for (var s = first; x(m.t0 + s) < width; s += step) {
      var ax = x(m.t0 + s);
      if (ax < LEFT) continue;
      ctx.strokeStyle = '#eaeef2'; ctx.beginPath(); ctx.moveTo(ax, TOP - 4); ctx.lineTo(ax, height); ctx.stroke();
      ctx.fillText((s / 1000).toFixed(step < 1000 ? 3 : 1) + 's', ax + 2, 12);
    }
    ctx.save();
    ctx.beginPath(); ctx.rect(LEFT, TOP - 6, width - LEFT, height); ctx.clip();
    // spans: faults shaded across the lane, task activations as a thin bar
    m.spans.forEach(function (sp) {
      if (!visible(sp.t, sp.end)) return;
      var x1 = x(sp.t), x2 = Math.max(x(sp.end), x1 + 2), ly = y(sp.lane);
      if (sp.kind === 'fault') {
        ctx.fillStyle = 'rgba(207, 34, 46, 0.18)';
        ctx.fillRect(x1, ly - laneH / 2, x2 - x1, laneH);
        ctx.fillStyle = '#a40e26'; ctx.fillText(sp.label.slice(0, 60), x1 + 3, ly - laneH / 2 + 11);
        hits.push({ x: x1, y: ly, i: sp.i });
      } else {
        ctx.fillStyle = '#9ac7a3';
        ctx.fillRect(x1, ly + 3, x2 - x1, 5);
        hits.push({ x: x1, y: ly + 5, i: sp.i });
      }
    });
    // DB statements on the DB lane, with a faint link to the node that issued them
    var dbLane = m.lanes.length - 1;
    m.db.forEach(function (d) {
      var e = m.events[d.i];
      if (!visible(e.t, e.t)) return;
      var dx = x(e.t);
      ctx.strokeStyle = 'rgba(130, 80, 223, 0.15)'; ctx.beginPath(); ctx.moveTo(dx, y(d.from)); ctx.lineTo(dx, y(dbLane)); ctx.stroke();
      ctx.fillStyle = e.kind === 'db.error' ? '#cf222e' : '#8250df';
      ctx.fillRect(dx - 2, y(dbLane) - 5, 4, 10);
      hits.push({ x: dx, y: y(dbLane), i: d.i });
    });
    // requests: out to the receiver, back to the sender when answered
    ctx.lineWidth = 1.2;
    m.requests.forEach(function (r) {
      if (!visible(r.t, r.end)) return;
      var color = r.done === undefined ? '#8c959f' : r.failed ? '#d4761c' : '#3b6fd8';
      var x1 = x(r.t), x2 = x(r.end), mid = (x1 + x2) / 2;
      arrow(x1, y(r.from), mid, y(r.to), color);
      if (r.done !== undefined) arrow(mid, y(r.to), x2, y(r.from), color);
      if (x2 - x1 > 120) { ctx.fillStyle = color; ctx.fillText(r.label.slice(0, Math.floor((x2 - x1) / 7)), x1 + 4, y(r.from) - 4); }
      hits.push({ x: x1, y: y(r.from), i: r.sent });
      if (r.done !== undefined) hits.push({ x: x2, y: y(r.from), i: r.done });
    });
    ctx.lineWidth = 1;
    // point events
    m.points.forEach(function (p) {
      var e = m.events[p.i];
      if (!visible(e.t, e.t)) return;
      var px = x(e.t), py = y(p.lane);
      ctx.fillStyle = e.kind === 'invariant.violated' ? '#cf222e' : e.kind === 'script.step' ? '#1a7f37' : '#57606a';
      ctx.beginPath(); ctx.arc(px, py, 3, 0, 2 * Math.PI); ctx.fill();
      if (e.kind === 'script.step' && scale > 0.02) { ctx.fillStyle = '#1a7f37'; ctx.fillText(String(e.step).slice(0, 40), px + 4, py - 4); }
      hits.push({ x: px, y: py, i: p.i });
    });
    // violations: a red line through every lane and a ring on the offending event
    m.violations.forEach(function (v, k) {
      var vx = x(v.t);
      ctx.strokeStyle = '#cf222e'; ctx.lineWidth = 2;
      ctx.beginPath(); ctx.moveTo(vx, TOP - 6); ctx.lineTo(vx, height); ctx.stroke();
      ctx.beginPath(); ctx.arc(vx, y(v.lane), 7, 0, 2 * Math.PI); ctx.stroke();
      ctx.lineWidth = 1;
      var el = markerEls[k];
      var w = el.offsetWidth;
      el.style.left = Math.max(LEFT, Math.min(width - w - 4, vx - w / 2)) + 'px';
      el.style.top = (TOP + k * 22) + 'px';
      el.style.display = vx < LEFT - 2 || vx > width + 2 ? 'none' : 'block';
    });
    ctx.restore();
  }

  function show(obj) { detail.textContent = JSON.stringify(obj, null, 2); }

  view.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = view.getBoundingClientRect();
    var mx = ev.clientX - r.left;
    var at = start + (mx - LEFT) / scale; // keep the time under the cursor in place
    scale *= Math.exp(-ev.deltaY * 0.002);
    scale = Math.max(1e-6, Math.min(scale, 200));
    start = at - (mx - LEFT) / scale;
    draw();
  }, { passive: false });

  var drag = null;
  view.addEventListener('mousedown', function (ev) { drag = { x: ev.clientX, y: ev.clientY, start: start, top: top, moved: false }; view.classList.add('dragging'); });
  window.addEventListener('mousemove', function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    start = drag.start - dx / scale;
    var maxTop = Math.max(0, m.lanes.length * laneH - (height - TOP));
    top = Math.max(0, Math.min(maxTop, drag.top - dy));
    draw();
  });
  window.addEventListener('mouseup', function (ev) {
    if (!drag) return;
    var moved = drag.moved;
    drag = null; view.classList.remove('dragging');
    if (moved) return;
    var r = view.getBoundingClientRect();
    var cx = ev.clientX - r.left, cy = ev.clientY - r.top, best = null, bestD = 64;
    for (var i = 0; i < hits.length; i++) {
      var d = (hits[i].x - cx) * (hits[i].x - cx) + (hits[i].y - cy) * (hits[i].y - cy);
      if (d < bestD) { bestD = d; best = hits[i]; }
    }
    if (best) show(m.events[best.i]);
  });
  document.getElementById('fit').addEventListener('click', fit);
  window.addEventListener('resize', function () { resize(); draw(); });
  resize();
  fit();
  if (m.violations.length > 0 && m.violations[0].i !== undefined) show(m.events[m.violations[0].i]);
})();
`;
