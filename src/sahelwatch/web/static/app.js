// The sahelwatch dashboard: a map (MapLibre GL, clustered GeoJSON), a weekly timeline
// with brushing, filters, a list of events and an event's detail with its evidence.
// Plain JavaScript, no build step; every byte is served by sahelwatch (works offline).
"use strict";

(function () {
  const TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2ca02c",
    "Riots": "#c9a100",
    "Strategic developments": "#1f77b4",
  };
  const OTHER_COLOUR = "#7f8c8d";
  const MAP_LIMIT = 50000; // points loaded for the map and timeline
  const LIST_PAGE = 200; // list rows added per "Show more"
  const DAY = 86400000;

  const state = {
    config: null,
    filters: {},
    features: [], // every loaded event (map properties), newest first
    total: 0,
    brush: null, // [startMs, endMs) selected on the timeline, or null
    visible: [], // features within the brush
    listShown: 0,
    selected: null,
    map: null,
    mapReady: false,
    apiKey: localStorage.getItem("sahelwatch-api-key") || "",
  };
  // Exposed for tests and for curious users in the console.
  window.sahelwatch = state;

  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("data-")) node.setAttribute(k, v);
      else node[k] = v;
    }
    for (const c of children) if (c != null) node.append(c);
    return node;
  };
  const colourOf = (type) => TYPE_COLOURS[type] || OTHER_COLOUR;
  const fmt = (n) => Number(n || 0).toLocaleString("en");

  // -- API -------------------------------------------------------------------------
  async function api(path, params) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) url.searchParams.set(k, v);
    const headers = state.apiKey ? { "X-API-Key": state.apiKey } : {};
    const res = await fetch(url, { headers });
    if (res.status === 401) {
      await askForKey();
      return api(path, params);
    }
    if (!res.ok) {
      let message = res.statusText;
      try { message = (await res.json()).detail || message; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return res.json();
  }

  let keyPrompt = null; // one dialog for all the requests that were refused at once

  function askForKey() {
    if (keyPrompt) return keyPrompt;
    keyPrompt = new Promise((resolve) => {
      const dialog = $("key-dialog");
      dialog.addEventListener("close", () => {
        state.apiKey = $("key-input").value.trim();
        localStorage.setItem("sahelwatch-api-key", state.apiKey);
        keyPrompt = null;
        resolve();
      }, { once: true });
      dialog.showModal();
    });
    return keyPrompt;
  }

  function showError(message) {
    const box = $("map-message");
    box.textContent = message;
    box.hidden = false;
  }

  // -- filters ---------------------------------------------------------------------
  function fillFilterOptions(config, stats, actors) {
    const typeSelect = $("filter-type");
    for (const [type, subs] of Object.entries(config.event_types)) {
      const group = el("optgroup", { label: type });
      group.append(el("option", { value: type, text: `${type} (all)` }));
      for (const sub of subs) group.append(el("option", { value: sub, text: sub }));
      typeSelect.append(group);
    }
    const admin1 = [...new Set(stats.by_admin1.map((r) => r.key))]
      .filter((k) => k && k !== "(unknown)" && k !== "(other)").sort();
    for (const name of admin1) $("filter-admin1").append(el("option", { value: name, text: name }));
    for (const a of actors.actors) $("actor-options").append(el("option", { value: a.actor }));
  }

  function readFilters() {
    const form = new FormData($("filters"));
    const filters = {};
    for (const [k, v] of form.entries()) if (String(v).trim()) filters[k] = String(v).trim();
    return filters;
  }

  // -- loading ---------------------------------------------------------------------
  async function load() {
    $("count").textContent = "loading…";
    const data = await api("/api/events.geojson", { ...state.filters, properties: "map", limit: MAP_LIMIT });
    state.features = data.features;
    state.total = data.total;
    for (const f of state.features) {
      f.properties._t = f.properties.event_date ? Date.parse(f.properties.event_date) : null;
    }
    state.brush = null;
    drawTimeline();
    applyBrush();
  }

  function applyBrush() {
    const [a, b] = state.brush || [-Infinity, Infinity];
    state.visible = state.brush
      ? state.features.filter((f) => f.properties._t != null && f.properties._t >= a && f.properties._t < b)
      : state.features;
    const shown = state.visible.length;
    const note = state.total > state.features.length ? ` (first ${fmt(state.features.length)} of ${fmt(state.total)} loaded)` : "";
    $("count").textContent = `${fmt(shown)} event${shown === 1 ? "" : "s"}${note}`;
    $("brush-label").textContent = state.brush
      ? `${new Date(a).toISOString().slice(0, 10)} – ${new Date(b - DAY).toISOString().slice(0, 10)}` : "";
    $("clear-brush").hidden = !state.brush;
    updateMap();
    state.listShown = 0;
    $("event-list").replaceChildren();
    renderMoreList();
    drawTimeline();
  }

  // -- list ------------------------------------------------------------------------
  function renderMoreList() {
    const list = $("event-list");
    const next = state.visible.slice(state.listShown, state.listShown + LIST_PAGE);
    for (const f of next) {
      const p = f.properties;
      const li = el("li", { tabIndex: 0, "data-uid": p.event_uid, title: p.sub_event_type || p.event_type || "" },
        el("span", { class: "dot", style: `background:${colourOf(p.event_type)}` }),
        el("span", { class: "what", text: p.sub_event_type || p.event_type || "Event" }),
        el("span", { class: "when", text: `${p.event_date || "?"}${p.fatalities ? ` · ${p.fatalities} killed` : ""}` }),
        el("span", { class: "where", text: [p.actor1, p.location || p.admin1, p.country].filter(Boolean).join(" · ") }),
      );
      li.querySelector(".dot").style.background = colourOf(p.event_type);
      if (p.event_uid === state.selected) li.classList.add("selected");
      li.addEventListener("click", () => openEvent(p.event_uid));
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") openEvent(p.event_uid); });
      list.append(li);
    }
    state.listShown += next.length;
    $("list-count").textContent = `showing ${fmt(state.listShown)} of ${fmt(state.visible.length)}, newest first`;
    $("more-events").hidden = state.listShown >= state.visible.length;
  }

  // -- map -------------------------------------------------------------------------
  function typeColourExpression() {
    const expr = ["match", ["get", "event_type"]];
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) expr.push(type, colour);
    expr.push(OTHER_COLOUR);
    return expr;
  }

  function buildLegend() {
    // A <details>: open on wide screens, folded to one line on phones where it would hide the map.
    const details = el("details", { open: !window.matchMedia("(max-width: 800px)").matches });
    details.append(el("summary", { text: "Legend" }));
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
      const i = el("i");
      i.style.background = colour;
      details.append(el("div", {}, i, el("span", { text: type })));
    }
    details.append(el("div", { class: "muted", text: "size: fatalities · grey: clusters" }));
    $("legend").append(details);
  }

  function initMap(config) {
    if (typeof maplibregl === "undefined") {
      showError("The map library is missing: run scripts/build_web_assets.sh (the list and timeline still work).");
      return;
    }
    const style = {
      version: 8,
      sources: {},
      layers: [{ id: "background", type: "background", paint: { "background-color": "#dfe6ea" } }],
    };
    if (config.tiles) {
      style.sources.tiles = { type: "raster", tiles: [config.tiles], tileSize: 256, attribution: config.tiles_attribution || "" };
      style.layers.push({ id: "tiles", type: "raster", source: "tiles" });
    }
    let map;
    try {
      map = new maplibregl.Map({
        container: "map", style, center: [-2, 15], zoom: 4.2, attributionControl: { compact: true },
      });
    } catch (err) {
      showError(`The map cannot be drawn here (${err.message}); the list and timeline still work.`);
      return;
    }
    state.map = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    map.on("load", () => {
      config.boundaries.forEach((layer, index) => {
        const id = `boundary-${layer.name}`;
        map.addSource(id, { type: "geojson", data: layer.url });
        const land = index === 0 && !config.tiles;
        map.addLayer({ id: `${id}-fill`, type: "fill", source: id,
          paint: { "fill-color": land ? "#f7f4ee" : "#000000", "fill-opacity": land ? 1 : 0 } });
        const line = { "line-color": index === 0 ? "#8c8273" : "#a39a8b", "line-width": index === 0 ? 1.1 : 0.7 };
        if (index > 0) line["line-dasharray"] = [3, 2]; // admin boundaries dashed under country borders
        map.addLayer({ id: `${id}-line`, type: "line", source: id, paint: line });
      });
      map.addSource("events", {
        type: "geojson",
        data: { type: "FeatureCollection", features: [] },
        cluster: true, clusterRadius: 38, clusterMaxZoom: 11,
        clusterProperties: { fatalities: ["+", ["coalesce", ["get", "fatalities"], 0]] },
      });
      map.addLayer({ id: "clusters", type: "circle", source: "events", filter: ["has", "point_count"],
        paint: {
          "circle-color": "#5b6770", "circle-opacity": 0.75, "circle-stroke-color": "#fff", "circle-stroke-width": 1.5,
          "circle-radius": ["interpolate", ["linear"], ["sqrt", ["get", "point_count"]], 1, 9, 10, 22, 40, 40],
        } });
      map.addLayer({ id: "events", type: "circle", source: "events", filter: ["!", ["has", "point_count"]],
        paint: {
          "circle-color": typeColourExpression(), "circle-opacity": 0.85,
          "circle-stroke-color": "#ffffff", "circle-stroke-width": 1,
          "circle-radius": ["interpolate", ["linear"], ["sqrt", ["coalesce", ["get", "fatalities"], 0]], 0, 4.5, 3, 9, 10, 20],
        } });
      map.addLayer({ id: "selected", type: "circle", source: "events",
        filter: ["==", ["get", "event_uid"], ""],
        paint: { "circle-radius": 13, "circle-color": "rgba(0,0,0,0)", "circle-stroke-color": "#111", "circle-stroke-width": 2.5 } });
      map.on("click", "clusters", async (e) => {
        const feature = e.features[0];
        const zoom = await map.getSource("events").getClusterExpansionZoom(feature.properties.cluster_id);
        map.easeTo({ center: feature.geometry.coordinates, zoom });
      });
      map.on("click", "events", (e) => openEvent(e.features[0].properties.event_uid));
      for (const layer of ["clusters", "events"]) {
        map.on("mouseenter", layer, () => { map.getCanvas().style.cursor = "pointer"; });
        map.on("mouseleave", layer, () => { map.getCanvas().style.cursor = ""; });
      }
      // Cluster counts as small HTML labels for the clusters in view only (at most a few
      // hundred): the offline style has no font glyphs for symbol layers.
      map.on("idle", labelClusters);
      state.mapReady = true;
      updateMap();
    });
    map.on("error", (e) => console.warn("map:", e && e.error ? e.error.message : e));
  }

  const clusterLabels = new Map(); // cluster_id -> maplibregl.Marker

  function labelClusters() {
    const map = state.map;
    if (!state.mapReady) return;
    const seen = new Set();
    for (const f of map.queryRenderedFeatures({ layers: ["clusters"] })) {
      const id = f.properties.cluster_id;
      if (seen.has(id) || seen.size >= 300) continue;
      seen.add(id);
      const text = f.properties.point_count_abbreviated;
      let marker = clusterLabels.get(id);
      if (!marker) {
        const label = el("div", { class: "cluster-label" });
        marker = new maplibregl.Marker({ element: label }).setLngLat(f.geometry.coordinates).addTo(map);
        clusterLabels.set(id, marker);
      }
      marker.setLngLat(f.geometry.coordinates);
      marker.getElement().textContent = text;
    }
    for (const [id, marker] of clusterLabels) {
      if (!seen.has(id)) { marker.remove(); clusterLabels.delete(id); }
    }
  }

  function updateMap() {
    if (!state.mapReady) return;
    const points = state.visible.filter((f) => f.geometry);
    state.map.getSource("events").setData({ type: "FeatureCollection", features: points });
    // cluster ids change with the data: drop the old labels, the next "idle" redraws them
    for (const marker of clusterLabels.values()) marker.remove();
    clusterLabels.clear();
    if (!state.fitted && points.length) { state.fitted = true; fitToVisible(); } // first data: frame it
  }

  function fitToVisible() {
    if (!state.mapReady) return;
    const pts = state.visible.filter((f) => f.geometry).map((f) => f.geometry.coordinates);
    if (!pts.length) return;
    let [x0, y0, x1, y1] = [180, 90, -180, -90];
    for (const [x, y] of pts) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
    if (x1 - x0 < 0.5) { x0 -= 0.5; x1 += 0.5; }
    if (y1 - y0 < 0.5) { y0 -= 0.5; y1 += 0.5; }
    state.map.fitBounds([[x0, y0], [x1, y1]], { padding: 40, maxZoom: 9, duration: 0 });
  }

  // -- timeline (canvas) ----------------------------------------------------------
  const timeline = { bins: [], t0: 0, t1: 0, drag: null, pad: { l: 34, r: 34, t: 6, b: 16 } };

  function weekStart(t) {
    const d = new Date(t);
    const day = (d.getUTCDay() + 6) % 7; // Monday = 0
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - day * DAY;
  }

  function computeBins() {
    const times = state.features.map((f) => f.properties._t).filter((t) => t != null);
    if (!times.length) { timeline.bins = []; return; }
    let lo = Infinity, hi = -Infinity;
    for (const t of times) { if (t < lo) lo = t; if (t > hi) hi = t; }
    timeline.t0 = weekStart(lo);
    timeline.t1 = weekStart(hi) + 7 * DAY;
    const n = Math.round((timeline.t1 - timeline.t0) / (7 * DAY));
    const bins = Array.from({ length: n }, (_, i) => ({ t: timeline.t0 + i * 7 * DAY, events: 0, fatalities: 0 }));
    for (const f of state.features) {
      const t = f.properties._t;
      if (t == null) continue;
      const b = bins[Math.min(n - 1, Math.floor((t - timeline.t0) / (7 * DAY)))];
      b.events += 1;
      b.fatalities += f.properties.fatalities || 0;
    }
    timeline.bins = bins;
  }

  function drawTimeline() {
    const canvas = $("timeline");
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth, height = canvas.clientHeight;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    if (timeline.stale !== state.features) { computeBins(); timeline.stale = state.features; }
    const bins = timeline.bins;
    const { l, r, t, b } = timeline.pad;
    const w = width - l - r, h = height - t - b;
    ctx.font = "10px system-ui, sans-serif";
    if (!bins.length) { ctx.fillStyle = "#5d6670"; ctx.fillText("no dated events", l, t + 20); return; }
    const maxE = Math.max(1, ...bins.map((x) => x.events));
    const maxF = Math.max(1, ...bins.map((x) => x.fatalities));
    const x = (tm) => l + ((tm - timeline.t0) / (timeline.t1 - timeline.t0)) * w;
    const bw = Math.max(1, w / bins.length - (bins.length < 200 ? 1 : 0));
    const [ba, bb] = state.brush || [null, null];
    for (const bin of bins) {
      const inside = !state.brush || (bin.t + 7 * DAY > ba && bin.t < bb);
      ctx.fillStyle = inside ? "#9aa7b1" : "#d9dee2";
      const bh = (bin.events / maxE) * h;
      ctx.fillRect(x(bin.t), t + h - bh, bw, bh);
    }
    ctx.strokeStyle = "#c0392b";
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    bins.forEach((bin, i) => {
      const px = x(bin.t) + bw / 2, py = t + h - (bin.fatalities / maxF) * h;
      if (i) ctx.lineTo(px, py); else ctx.moveTo(px, py);
    });
    ctx.stroke();
    // axes: events on the left, fatalities on the right, years along the bottom
    ctx.fillStyle = "#5d6670";
    ctx.textAlign = "right";
    ctx.fillText(fmt(maxE), l - 4, t + 8);
    ctx.fillText("0", l - 4, t + h);
    ctx.textAlign = "left";
    ctx.fillStyle = "#c0392b";
    ctx.fillText(fmt(maxF), width - r + 4, t + 8);
    ctx.fillStyle = "#5d6670";
    ctx.textAlign = "center";
    const y0 = new Date(timeline.t0).getUTCFullYear(), y1 = new Date(timeline.t1).getUTCFullYear();
    const step = Math.max(1, Math.ceil((y1 - y0 + 1) / Math.max(1, Math.floor(w / 60))));
    for (let y = y0; y <= y1; y += step) {
      const tx = x(Date.UTC(y, 0, 1));
      if (tx >= l && tx <= l + w) { ctx.fillText(String(y), tx, height - 3); ctx.fillRect(tx, t + h, 1, 3); }
    }
    if (y1 - y0 < 2) { // short spans: months too
      for (let m = 0; m < (y1 - y0 + 1) * 12; m++) {
        const tm = Date.UTC(y0, m, 1), tx = x(tm);
        if (tx > l + 12 && tx < l + w - 12 && m % 12) ctx.fillText(new Date(tm).toISOString().slice(5, 7), tx, height - 3);
      }
    }
    if (state.brush || timeline.drag) {
      const [a2, b2] = timeline.drag ? dragRange() : state.brush;
      ctx.fillStyle = "rgba(138,59,18,0.15)";
      ctx.strokeStyle = "#8a3b12";
      ctx.lineWidth = 1;
      ctx.fillRect(x(a2), t, x(b2) - x(a2), h);
      ctx.strokeRect(x(a2) + 0.5, t + 0.5, x(b2) - x(a2) - 1, h - 1);
    }
  }

  function timeAt(clientX) {
    const rect = $("timeline").getBoundingClientRect();
    const { l, r } = timeline.pad;
    const frac = Math.min(1, Math.max(0, (clientX - rect.left - l) / (rect.width - l - r)));
    return timeline.t0 + frac * (timeline.t1 - timeline.t0);
  }

  function dragRange() {
    const [a, b] = [timeline.drag.from, timeline.drag.to].sort((p, q) => p - q);
    // whole weeks, at least one
    const wa = weekStart(a), wb = Math.max(weekStart(b) + 7 * DAY, wa + 7 * DAY);
    return [wa, wb];
  }

  function initTimeline() {
    const canvas = $("timeline");
    canvas.addEventListener("pointerdown", (e) => {
      if (!timeline.bins.length) return;
      canvas.setPointerCapture(e.pointerId);
      timeline.drag = { from: timeAt(e.clientX), to: timeAt(e.clientX), x: e.clientX };
      drawTimeline();
    });
    canvas.addEventListener("pointermove", (e) => {
      if (!timeline.drag) return;
      timeline.drag.to = timeAt(e.clientX);
      drawTimeline();
    });
    const finish = (e) => {
      if (!timeline.drag) return;
      const moved = Math.abs(e.clientX - timeline.drag.x) > 3;
      state.brush = moved ? dragRange() : null; // a click without dragging clears the selection
      timeline.drag = null;
      applyBrush();
      if (moved) fitToVisible();
    };
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", () => { timeline.drag = null; drawTimeline(); });
    $("clear-brush").addEventListener("click", () => { state.brush = null; applyBrush(); });
    window.addEventListener("resize", drawTimeline);
  }

  // -- detail ----------------------------------------------------------------------
  const NESTED = new Set(["evidence", "members", "member_events", "documents", "source_links", "sources", "raw"]);

  function renderValue(value) {
    if (value == null || value === "") return el("span", { class: "muted", text: "—" });
    if (typeof value === "object") return el("code", { text: JSON.stringify(value) });
    const text = String(value);
    if (/^https?:\/\//.test(text)) return el("a", { href: text, target: "_blank", rel: "noopener", text });
    return document.createTextNode(text);
  }

  function highlighted(text, evidence) {
    // The document's text with each evidence span wrapped in <mark>; spans are sorted and
    // non-overlapping after clipping, and built as text nodes (never as HTML).
    const box = el("div", { class: "doc-text" });
    let at = 0;
    const spans = evidence.filter((e) => e.located && e.start != null).sort((a, b) => a.start - b.start);
    for (const span of spans) {
      const start = Math.max(span.start, at);
      if (span.end <= start) continue;
      box.append(document.createTextNode(text.slice(at, start)));
      box.append(el("mark", { class: "evidence", text: text.slice(start, span.end), title: "evidence" }));
      at = span.end;
    }
    box.append(document.createTextNode(text.slice(at)));
    return box;
  }

  async function openEvent(uid) {
    state.selected = uid;
    for (const li of document.querySelectorAll("#event-list li")) li.classList.toggle("selected", li.dataset.uid === uid);
    if (state.mapReady) state.map.setFilter("selected", ["==", ["get", "event_uid"], uid]);
    const panel = $("detail"), body = $("detail-body");
    panel.hidden = false;
    body.replaceChildren(el("p", { class: "muted", text: "loading…" }));
    let ev;
    try {
      ev = await api(`/api/events/${encodeURIComponent(uid)}`);
    } catch (err) {
      body.replaceChildren(el("p", { text: `Could not load the event: ${err.message}` }));
      return;
    }
    if (state.selected !== uid) return;
    $("detail-title").textContent = `${ev.sub_event_type || ev.event_type || "Event"} · ${ev.event_date || ""}`;
    body.replaceChildren();
    body.dataset.uid = uid;

    body.append(el("h3", { text: "Evidence in the reports" }));
    if (!ev.documents.length) body.append(el("p", { class: "muted", text: "No stored document (an imported row)." }));
    for (const doc of ev.documents) {
      const head = el("div", { class: "doc-head" });
      const title = doc.title || doc.doc_id;
      head.append(doc.url ? el("a", { href: doc.url, target: "_blank", rel: "noopener", text: title }) : el("strong", { text: title }));
      const meta = [doc.source, doc.published].filter(Boolean).join(" · ");
      if (meta) head.append(el("span", { class: "muted", text: ` — ${meta}` }));
      const lost = doc.evidence.filter((e) => !e.located);
      const box = el("div", { class: "document", "data-doc": doc.content_hash }, head, highlighted(doc.text || "", doc.evidence));
      for (const e of lost) box.append(el("p", { class: "muted", text: `Evidence not found in the text: “${e.text}”` }));
      body.append(box);
    }
    const firstMark = body.querySelector("mark.evidence");
    if (firstMark) firstMark.parentElement.scrollTop = Math.max(0, firstMark.offsetTop - firstMark.parentElement.offsetTop - 40);

    body.append(el("h3", { text: "Sources" }));
    const sources = el("ul", { class: "sources" });
    for (const s of ev.source_links) {
      sources.append(el("li", {}, s.url ? el("a", { href: s.url, target: "_blank", rel: "noopener", text: s.label }) : el("span", { text: s.label }),
        el("span", { class: "muted", text: ` (${s.kind})` })));
    }
    if (!ev.source_links.length) sources.append(el("li", { class: "muted", text: "none recorded" }));
    body.append(sources);

    if (ev.members && ev.members.length) {
      body.append(el("h3", { text: `Reported by ${ev.members.length} source event(s)` }));
      const members = el("ul", { class: "sources" });
      for (const m of ev.members) {
        const label = [m.event_date, m.source || m.dataset || m.origin, m.fatalities != null ? `${m.fatalities} killed` : null].filter(Boolean).join(" · ");
        members.append(el("li", {}, el("code", { text: m.event_uid }), document.createTextNode(` ${label}`)));
      }
      body.append(members);
    }

    body.append(el("h3", { text: "All fields" }));
    const table = el("table", { class: "fields" });
    for (const [key, value] of Object.entries(ev)) {
      if (NESTED.has(key)) continue;
      table.append(el("tr", { "data-field": key }, el("th", { text: key }), el("td", {}, renderValue(value))));
    }
    for (const key of ["sources", "evidence"]) {
      table.append(el("tr", { "data-field": key }, el("th", { text: key }), el("td", {}, renderValue(ev[key] && ev[key].length ? ev[key] : null))));
    }
    body.append(table);
  }

  // -- start -----------------------------------------------------------------------
  async function start() {
    $("toggle-side").addEventListener("click", () => {
      const layout = document.querySelector(".layout");
      const collapsed = layout.classList.toggle("side-collapsed");
      $("toggle-side").setAttribute("aria-expanded", String(!collapsed));
      if (state.map) setTimeout(() => state.map.resize(), 0);
      drawTimeline();
    });
    $("close-detail").addEventListener("click", () => {
      $("detail").hidden = true;
      state.selected = null;
      if (state.mapReady) state.map.setFilter("selected", ["==", ["get", "event_uid"], ""]);
      if (state.map) setTimeout(() => state.map.resize(), 0);
    });
    $("more-events").addEventListener("click", renderMoreList);
    $("filters").addEventListener("submit", async (e) => {
      e.preventDefault();
      state.filters = readFilters();
      try { await load(); fitToVisible(); } catch (err) { showError(`Could not load events: ${err.message}`); }
    });
    $("reset-filters").addEventListener("click", async () => {
      $("filters").reset();
      state.filters = {};
      try { await load(); } catch (err) { showError(`Could not load events: ${err.message}`); }
    });
    initTimeline();
    buildLegend();
    try {
      state.config = await api("/api/config");
      initMap(state.config);
      const [stats, actors] = await Promise.all([api("/api/stats", { top: 100 }), api("/api/actors", { limit: 300 })]);
      fillFilterOptions(state.config, stats, actors);
      await load();
      document.body.dataset.ready = "true";
    } catch (err) {
      showError(`Could not load the dashboard: ${err.message}`);
      document.body.dataset.ready = "error";
    }
  }

  // The detail panel and side panel change the map's size.
  new ResizeObserver(() => { if (state.map) state.map.resize(); drawTimeline(); }).observe(document.querySelector(".map-wrap"));
  start();
})();
