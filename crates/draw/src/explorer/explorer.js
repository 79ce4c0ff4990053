// The clustergraph explorer: draws the graph laid out by clustergraph on a canvas, with pan
// and zoom, a search that ignores case and accents, a panel for the clicked node, and filters
// by kind and year. The project's own script: no library, no network.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var nodes = data.nodes, edges = data.edges, kinds = data.kinds;
  var canvas = document.getElementById('view');
  var ctx = canvas.getContext('2d');
  var panel = document.getElementById('panel');
  var FONT = "'DejaVu Sans', Verdana, sans-serif";

  document.getElementById('title').textContent = data.title;
  document.getElementById('subtitle').textContent = data.subtitle;

  // Each node's edges, and its degree for the order in which labels are drawn.
  var incident = nodes.map(function () { return []; });
  edges.forEach(function (e, i) {
    incident[e.s].push(i);
    if (e.t !== e.s) incident[e.t].push(i);
  });

  // ---- state ----
  var view = { scale: 1, x: 0, y: 0 }; // screen = world * scale + (x, y), in CSS pixels
  var selected = -1;
  var kindOn = kinds.map(function () { return true; });
  var years = { from: null, to: null };
  var dirty = true;

  // ---- filters ----
  function nodeShown(i) { return kindOn[nodes[i].kind]; }
  function edgeInYears(e) {
    if (years.from === null || !e.years) return true; // undated edges always stay
    return e.years[1] >= years.from && e.years[0] <= years.to;
  }
  function edgeShown(e) { return edgeInYears(e) && nodeShown(e.s) && nodeShown(e.t); }

  // ---- the canvas ----
  function resize() {
    var dpr = window.devicePixelRatio || 1;
    var r = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(r.width * dpr));
    canvas.height = Math.max(1, Math.round(r.height * dpr));
    dirty = true;
  }

  function fit() {
    var r = canvas.getBoundingClientRect();
    if (!nodes.length || !r.width) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n) {
      x0 = Math.min(x0, n.x - 60); x1 = Math.max(x1, n.x + 60);
      y0 = Math.min(y0, n.y - n.r); y1 = Math.max(y1, n.y + n.r + 30);
    });
    var s = Math.min(r.width / (x1 - x0), r.height / (y1 - y0), 2);
    view.scale = s;
    view.x = r.width / 2 - s * (x0 + x1) / 2;
    view.y = r.height / 2 - s * (y0 + y1) / 2;
    dirty = true;
  }

  function toScreen(n) { return [n.x * view.scale + view.x, n.y * view.scale + view.y]; }

  function neighbours(i) {
    var set = {};
    incident[i].forEach(function (k) {
      var e = edges[k];
      if (edgeShown(e)) { set[e.s] = true; set[e.t] = true; }
    });
    return set;
  }

  // Adds an arrow head at the end of the line from (x0, y0) to (x1, y1), r before its end,
  // to the current path.
  function arrow(x0, y0, x1, y1, r) {
    var dx = x1 - x0, dy = y1 - y0, d = Math.hypot(dx, dy);
    if (d < 1e-6) return;
    var ux = dx / d, uy = dy / d, ex = x1 - ux * r, ey = y1 - uy * r, h = 7;
    ctx.moveTo(ex, ey);
    ctx.lineTo(ex - ux * h - uy * h * 0.5, ey - uy * h + ux * h * 0.5);
    ctx.lineTo(ex - ux * h + uy * h * 0.5, ey - uy * h - ux * h * 0.5);
    ctx.closePath();
  }

  function draw() {
    dirty = false;
    var dpr = window.devicePixelRatio || 1;
    var w = canvas.width / dpr, h = canvas.height / dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    var near = selected >= 0 ? neighbours(selected) : null;
    var shownEdges = 0, shownNodes = 0;
    // Edges: all in one path (one stroke for thousands of lines), those of the selected node
    // on top, darker; arrow heads once they are large enough to see.
    var arrows = view.scale > 0.35;
    var lit = [];
    var heads = [];
    ctx.lineWidth = 1;
    ctx.strokeStyle = ctx.fillStyle = near ? 'rgba(150,150,150,0.25)' : 'rgba(120,120,120,0.55)';
    ctx.beginPath();
    for (var k = 0; k < edges.length; k++) {
      var e = edges[k];
      if (!edgeShown(e)) continue;
      shownEdges++;
      if (selected >= 0 && (e.s === selected || e.t === selected)) { lit.push(k); continue; }
      var a = toScreen(nodes[e.s]), b = toScreen(nodes[e.t]);
      // Both ends on one side outside the canvas: nothing of it shows.
      if ((a[0] < 0 && b[0] < 0) || (a[1] < 0 && b[1] < 0) || (a[0] > w && b[0] > w) || (a[1] > h && b[1] > h)) continue;
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      if (arrows) heads.push(k);
    }
    ctx.stroke();
    ctx.beginPath();
    heads.forEach(function (k) {
      var e = edges[k], a = toScreen(nodes[e.s]), b = toScreen(nodes[e.t]);
      arrow(a[0], a[1], b[0], b[1], radius(nodes[e.t]) + 1);
    });
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.strokeStyle = ctx.fillStyle = '#333';
    ctx.beginPath();
    lit.forEach(function (k) {
      var e = edges[k], a = toScreen(nodes[e.s]), b = toScreen(nodes[e.t]);
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
    });
    ctx.stroke();
    ctx.beginPath();
    lit.forEach(function (k) {
      var e = edges[k], a = toScreen(nodes[e.s]), b = toScreen(nodes[e.t]);
      arrow(a[0], a[1], b[0], b[1], radius(nodes[e.t]) + 1);
    });
    ctx.fill();
    // Nodes.
    for (var i = 0; i < nodes.length; i++) {
      if (!nodeShown(i)) continue;
      shownNodes++;
      var n = nodes[i], p = toScreen(n);
      if (p[0] < -50 || p[1] < -50 || p[0] > w + 50 || p[1] > h + 50) continue;
      ctx.globalAlpha = near && !near[i] && i !== selected ? 0.3 : 1;
      ctx.beginPath();
      ctx.arc(p[0], p[1], radius(n), 0, 2 * Math.PI);
      ctx.fillStyle = kinds[n.kind].colour;
      ctx.fill();
      ctx.lineWidth = i === selected ? 3 : 1;
      ctx.strokeStyle = i === selected ? '#111' : 'white';
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.lineJoin = 'round';
    drawLabels(near, lit, w, h);
    status(shownNodes, shownEdges);
  }

  // A node's radius on screen: never too small to see or to click.
  function radius(n) { return Math.max(3.5, n.r * Math.min(view.scale, 1.6)); }

  // Labels: the selected node and its neighbours first, then by degree; a label that would
  // cover one already drawn is left out, so that what is written can be read.
  var labelOrder = nodes.map(function (_, i) { return i; })
    .sort(function (a, b) { return incident[b].length - incident[a].length || a - b; });
  function clashes(box, taken) {
    return taken.some(function (t) { return box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]; });
  }
  function drawLabels(near, lit, w, h) {
    // At the layout's own scale the names fit where it left room for them.
    var size = Math.max(9, Math.min(14, 12 * view.scale));
    var taken = [];
    // The selected node's circle and those of its neighbours are not to be covered.
    if (near) {
      Object.keys(near).forEach(function (i) {
        var n = nodes[i], p = toScreen(n), r = radius(n);
        taken.push([p[0] - r, p[1] - r, p[0] + r, p[1] + r]);
      });
    }
    // Names of the selected node and its neighbours, always written.
    var written = {};
    if (near) {
      ctx.font = size + 'px ' + FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      [selected].concat(Object.keys(near).map(Number)).forEach(function (i) {
        if (written[i]) return;
        written[i] = true;
        writeName(i, size, taken, true);
      });
      // The types of the selected node's edges, each where along its edge it covers nothing
      // written already (the middle if it must).
      ctx.font = '11px ' + FONT;
      ctx.textBaseline = 'middle';
      lit.forEach(function (k) {
        var e = edges[k], a = toScreen(nodes[e.s]), b = toScreen(nodes[e.t]);
        var tw = ctx.measureText(e.rel).width;
        var spot = null;
        [0.5, 0.62, 0.38, 0.74, 0.26].some(function (t) {
          var mx = a[0] + (b[0] - a[0]) * t, my = a[1] + (b[1] - a[1]) * t;
          var box = [mx - tw / 2 - 2, my - 8, mx + tw / 2 + 2, my + 8];
          if (!clashes(box, taken)) { spot = [mx, my, box]; return true; }
          return false;
        });
        // No room on the edge at this zoom: the panel lists its type.
        if (!spot) return;
        taken.push(spot[2]);
        ctx.lineWidth = 4; ctx.strokeStyle = 'white'; ctx.strokeText(e.rel, spot[0], spot[1]);
        ctx.fillStyle = '#444'; ctx.fillText(e.rel, spot[0], spot[1]);
      });
    }
    ctx.font = size + 'px ' + FONT;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    // Then the others, by degree, as long as they cover nothing written.
    var budget = 400;
    for (var k = 0; k < labelOrder.length && budget > 0; k++) {
      var i = labelOrder[k];
      if (written[i] || !nodeShown(i)) continue;
      var p = toScreen(nodes[i]);
      if (p[0] < -100 || p[1] < -40 || p[0] > w + 100 || p[1] > h + 40) continue;
      if (writeName(i, size, taken, false)) budget--;
    }
    ctx.globalAlpha = 1;
  }

  // Writes node i's name under it unless it would cover what is written (or always, when
  // it must be); says whether it wrote it.
  // Names are written in the lines the layout made room for.
  function writeName(i, size, taken, always) {
    var n = nodes[i], p = toScreen(n);
    var lines = n.lines.length ? n.lines : [n.name];
    var tw = Math.max.apply(null, lines.map(function (l) { return ctx.measureText(l).width; }));
    var lh = size * 1.25;
    // Where the layout put the name (below, above or beside the node), or else below it.
    var x = n.lines.length ? p[0] + n.lx * view.scale : p[0];
    var top = n.lines.length ? p[1] + n.ly * view.scale : p[1] + radius(n) + 2;
    var box = [x - tw / 2 - 2, top, x + tw / 2 + 2, top + lh * lines.length];
    if (!always && clashes(box, taken)) return false;
    taken.push(box);
    ctx.globalAlpha = selected >= 0 && !always ? 0.35 : 1;
    ctx.font = (i === selected ? 'bold ' : '') + size + 'px ' + FONT;
    lines.forEach(function (l, k) {
      ctx.lineWidth = 3; ctx.strokeStyle = 'white'; ctx.strokeText(l, x, top + k * lh);
      ctx.fillStyle = i === selected ? '#000' : '#222';
      ctx.fillText(l, x, top + k * lh);
    });
    ctx.font = size + 'px ' + FONT;
    return true;
  }

  function status(shownNodes, shownEdges) {
    var s = shownNodes + ' of ' + nodes.length + ' nodes, ' + shownEdges + ' of ' + edges.length + ' edges shown';
    var el = document.getElementById('status');
    if (el.textContent !== s) el.textContent = s;
  }

  function frame() {
    if (dirty) draw();
    window.requestAnimationFrame(frame);
  }

  // ---- pan, zoom, click ----
  var drag = null;
  canvas.addEventListener('pointerdown', function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; canvas.classList.add('dragging'); }
    if (drag.moved) { view.x = drag.vx + dx; view.y = drag.vy + dy; dirty = true; }
  });
  canvas.addEventListener('pointerup', function (ev) {
    var d = drag;
    drag = null;
    canvas.classList.remove('dragging');
    if (d && !d.moved) {
      var r = canvas.getBoundingClientRect();
      var hit = nodeAt(ev.clientX - r.left, ev.clientY - r.top);
      select(hit, false);
    }
  });
  function zoomAt(factor, sx, sy) {
    var s = Math.min(40, Math.max(0.02, view.scale * factor));
    factor = s / view.scale;
    view.x = sx - (sx - view.x) * factor;
    view.y = sy - (sy - view.y) * factor;
    view.scale = s;
    dirty = true;
  }
  canvas.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var r = canvas.getBoundingClientRect();
    zoomAt(Math.exp(-ev.deltaY * 0.0015), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  function zoomCentre(f) {
    var r = canvas.getBoundingClientRect();
    zoomAt(f, r.width / 2, r.height / 2);
  }
  document.getElementById('zoom-in').addEventListener('click', function () { zoomCentre(1.4); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoomCentre(1 / 1.4); });
  document.getElementById('fit').addEventListener('click', fit);

  // The shown node under a point, or nearest within a few pixels of it.
  function nodeAt(sx, sy) {
    var best = -1, bestD = Infinity;
    for (var i = 0; i < nodes.length; i++) {
      if (!nodeShown(i)) continue;
      var p = toScreen(nodes[i]);
      var d = Math.hypot(p[0] - sx, p[1] - sy) - radius(nodes[i]);
      if (d < 6 && d < bestD) { best = i; bestD = d; }
    }
    return best;
  }

  function centreOn(i) {
    var r = canvas.getBoundingClientRect();
    if (view.scale < 1) view.scale = 1;
    view.x = r.width / 2 - nodes[i].x * view.scale;
    view.y = r.height / 2 - nodes[i].y * view.scale;
  }

  function select(i, centre) {
    selected = i;
    if (i >= 0 && centre) centreOn(i);
    dirty = true;
    showPanel();
  }

  // ---- the panel ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function nodeLink(i) {
    var a = el('a', 'node-link', nodes[i].name);
    a.href = '#';
    a.dataset.id = nodes[i].id;
    a.addEventListener('click', function (ev) { ev.preventDefault(); select(i, true); });
    return a;
  }

  function sourcesList(sources) {
    var ul = el('ul', 'sources');
    sources.forEach(function (s) {
      var li = el('li', 'source');
      var doc = data.docs[s.doc] || { title: s.doc };
      var head = el('div', 'doc');
      head.appendChild(el('span', null, doc.title + (doc.date ? ' (' + doc.date + ')' : '')));
      head.appendChild(el('span', 'badge', ' [' + s.doc + ']'));
      li.appendChild(head);
      li.appendChild(el('blockquote', null, s.quote));
      ul.appendChild(li);
    });
    return ul;
  }

  function table(rows) {
    var t = el('table');
    rows.forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', null, r[0]));
      tr.appendChild(el('td', null, r[1]));
      t.appendChild(tr);
    });
    return t;
  }

  function showPanel() {
    panel.textContent = '';
    if (selected < 0) {
      panel.appendChild(el('p', 'hint', 'Click a node, or search for one, to see its attributes and its edges with their dates and sources.'));
      return;
    }
    var n = nodes[selected];
    var h = el('h2');
    var sw = el('span', 'swatch');
    sw.style.background = kinds[n.kind].colour;
    h.appendChild(sw);
    h.appendChild(document.createTextNode(' ' + n.name));
    panel.appendChild(h);
    var rows = [['kind', kinds[n.kind].name], ['id', n.id]];
    if (n.aliases.length) rows.push(['aliases', n.aliases.join('; ')]);
    n.attrs.forEach(function (a) { rows.push(a); });
    panel.appendChild(table(rows));
    if (n.sources.length) {
      panel.appendChild(el('h3', null, 'Sources'));
      panel.appendChild(sourcesList(n.sources));
    }
    var list = incident[selected];
    var shown = list.filter(function (k) { return edgeShown(edges[k]); });
    panel.appendChild(el('h3', null, 'Edges (' + shown.length + ')'));
    var ul = el('ul', 'edges');
    shown.forEach(function (k) {
      var e = edges[k];
      var li = el('li', 'edge');
      li.dataset.rel = e.rel;
      li.dataset.date = e.date || '';
      var line = el('div');
      var out = e.s === selected;
      var other = out ? e.t : e.s;
      // The REPL's notation: -rel-> for an edge out of this node, <-rel- for one into it.
      line.appendChild(el('span', 'rel', out ? '-' + e.rel + '-> ' : '<-' + e.rel + '- '));
      line.appendChild(nodeLink(other));
      line.appendChild(el('span', 'date' + (e.date ? '' : ' undated'), e.date || 'undated'));
      li.appendChild(line);
      if (e.attrs.length) li.appendChild(table(e.attrs));
      li.appendChild(sourcesList(e.sources));
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    var hidden = list.length - shown.length;
    if (hidden > 0) {
      panel.appendChild(el('p', 'hidden-note', hidden + ' more edge' + (hidden === 1 ? ' is' : 's are') + ' hidden by the kind or year filters'));
    }
  }

  // ---- search ----
  function fold(s) {
    return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  }
  var keys = nodes.map(function (n) { return n.fold.split('\n'); });
  var results = document.getElementById('results');
  var search = document.getElementById('search');
  var found = [], active = 0;
  function rank(q, lines) {
    var best = 9;
    lines.forEach(function (k) {
      if (k === q) best = Math.min(best, 0);
      else if (k.indexOf(q) === 0) best = Math.min(best, 1);
      else if ((' ' + k).indexOf(' ' + q) >= 0) best = Math.min(best, 2);
      else if (k.indexOf(q) >= 0) best = Math.min(best, 3);
    });
    return best;
  }
  function runSearch() {
    var q = fold(search.value);
    results.textContent = '';
    found = [];
    if (!q) { results.hidden = true; return; }
    var scored = [];
    for (var i = 0; i < nodes.length; i++) {
      var r = rank(q, keys[i]);
      if (r < 9) scored.push([r, nodes[i].name.length, i]);
    }
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    found = scored.slice(0, 12).map(function (s) { return s[2]; });
    active = 0;
    if (!found.length) {
      results.appendChild(el('li', 'none', 'No node is named like that'));
    }
    found.forEach(function (i, k) {
      var li = el('li', k === 0 ? 'active' : '');
      li.setAttribute('role', 'option');
      li.dataset.id = nodes[i].id;
      var sw = el('span', 'swatch');
      sw.style.background = kinds[nodes[i].kind].colour;
      li.appendChild(sw);
      li.appendChild(el('span', 'name', nodes[i].name));
      li.appendChild(el('span', 'kind', kinds[nodes[i].kind].name + ' \u00b7 ' + nodes[i].id));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(i); });
      results.appendChild(li);
    });
    results.hidden = false;
  }
  function choose(i) {
    results.hidden = true;
    search.value = nodes[i].name;
    if (!nodeShown(i)) { kindOn[nodes[i].kind] = true; syncKinds(); }
    select(i, true);
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('focus', function () { if (search.value) runSearch(); });
  search.addEventListener('blur', function () { results.hidden = true; });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && found.length) { choose(found[active]); ev.preventDefault(); }
    else if (ev.key === 'Escape') { results.hidden = true; }
    else if ((ev.key === 'ArrowDown' || ev.key === 'ArrowUp') && found.length) {
      active = (active + (ev.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length;
      Array.prototype.forEach.call(results.children, function (li, k) { li.classList.toggle('active', k === active); });
      ev.preventDefault();
    }
  });

  // ---- filters ----
  var kindBox = document.getElementById('kinds');
  var kindInputs = kinds.map(function (k, i) {
    var label = el('label');
    var input = el('input');
    input.type = 'checkbox';
    input.checked = true;
    input.value = k.name;
    input.addEventListener('change', function () {
      kindOn[i] = input.checked;
      if (selected >= 0 && !nodeShown(selected)) selected = -1;
      dirty = true;
      showPanel();
    });
    var sw = el('span', 'swatch');
    sw.style.background = k.colour;
    label.appendChild(input);
    label.appendChild(sw);
    label.appendChild(document.createTextNode(k.name));
    kindBox.appendChild(label);
    return input;
  });
  function syncKinds() { kindInputs.forEach(function (input, i) { input.checked = kindOn[i]; }); }

  var lo = Infinity, hi = -Infinity;
  edges.forEach(function (e) { if (e.years) { lo = Math.min(lo, e.years[0]); hi = Math.max(hi, e.years[1]); } });
  var fromSel = document.getElementById('year-from'), toSel = document.getElementById('year-to');
  [fromSel, toSel].forEach(function (sel) {
    var any = el('option', null, 'any');
    any.value = '';
    sel.appendChild(any);
    for (var y = lo; y <= hi && isFinite(lo); y++) {
      var o = el('option', null, String(y));
      o.value = String(y);
      sel.appendChild(o);
    }
    sel.disabled = !isFinite(lo);
    sel.addEventListener('change', function () {
      var f = fromSel.value === '' ? null : Number(fromSel.value);
      var t = toSel.value === '' ? null : Number(toSel.value);
      if (f === null && t === null) { years.from = years.to = null; }
      else { years.from = f === null ? -Infinity : f; years.to = t === null ? Infinity : t; }
      if (years.from > years.to) { var x = years.from; years.from = years.to; years.to = x; }
      dirty = true;
      showPanel();
    });
  });

  // For automation (the browser tests, scripts): where a node is on the screen, relative to
  // the canvas, and which edges the filters leave drawn.
  window.clustergraphExplorer = {
    screenPosition: function (id) {
      for (var i = 0; i < nodes.length; i++) if (nodes[i].id === id) return toScreen(nodes[i]);
      return null;
    },
    shownEdges: function () {
      return edges.filter(edgeShown).map(function (e) {
        return { from: nodes[e.s].id, to: nodes[e.t].id, rel: e.rel, date: e.date, years: e.years };
      });
    }
  };

  window.addEventListener('resize', function () { resize(); });
  resize();
  fit();
  frame();
})();
