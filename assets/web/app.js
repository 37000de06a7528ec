// The page's script: loads the model (WebAssembly), wires the controls to
// window.escalate (docs/web.md), shows what the game reports, and handles
// the keyboard shortcuts. The game itself is Go: wasm/.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const api = () => window.escalate;
  let last = null;          // the last state the game reported
  const pending = [];       // reports put off until after the first frame
  let lastURL = "";
  let lastURLTime = 0;
  let controlsBuilt = false;
  const noticesShown = new Set();

  // ---- loading ------------------------------------------------------------

  // The model arrives as gzip bytes (escalate.wasm.gz). They are unpacked
  // as they arrive and the browser compiles the WebAssembly while it is
  // still unpacking (instantiateStreaming), so download, unpacking and
  // compiling overlap instead of running one after the other.
  async function load() {
    const go = new Go();
    const text = $("loading-text"), bar = $("loading-bar");
    try {
      const resp = await fetch("escalate.wasm.gz");
      if (!resp.ok) throw new Error("escalate.wasm.gz: " + resp.status + " " + resp.statusText);
      const total = Number(resp.headers.get("Content-Length")) || 0;
      if (total) text.textContent = "Loading the model (" + (total / 1048576).toFixed(1) + " MB)…";
      const { instance } = await instantiate(await wasmStream(resp, total, bar), go.importObject);
      text.textContent = "Starting the model…";
      go.run(instance); // runs main until the game loop starts; window.escalate is defined by then
      window.escalate.layout = layout;
      window.escalate.mapFocus = mapFocus;
    } catch (err) {
      text.textContent = "The model could not load: " + err.message + ". Try reloading the page; it needs a recent browser with WebAssembly.";
      bar.hidden = true;
      return;
    }
    setupControls();
    reportStage();
  }

  // wasmStream is the WebAssembly's bytes as a stream, unpacked if they
  // are gzip (a server that sent them with Content-Encoding: gzip has had
  // the browser unpack them already), moving the bar as bytes arrive.
  async function wasmStream(resp, total, bar) {
    const reader = resp.body.getReader();
    let first = await reader.read();
    while (!first.done && first.value.length < 2) { // the magic needs two bytes
      const more = await reader.read();
      if (more.done) break;
      const joined = new Uint8Array(first.value.length + more.value.length);
      joined.set(first.value);
      joined.set(more.value, first.value.length);
      first = { done: false, value: joined };
    }
    const head = first.done ? new Uint8Array(0) : first.value;
    const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
    let got = head.length;
    const body = new ReadableStream({
      start(ctrl) { if (head.length) ctrl.enqueue(head); },
      async pull(ctrl) {
        const { done, value } = await reader.read();
        if (done) { ctrl.close(); return; }
        got += value.length;
        if (total) bar.value = got / total;
        ctrl.enqueue(value);
      },
      cancel(reason) { return reader.cancel(reason); },
    });
    return gzip ? body.pipeThrough(new DecompressionStream("gzip")) : body;
  }

  // instantiate compiles while the bytes stream in where the browser can;
  // otherwise it reads them all first.
  async function instantiate(stream, imports) {
    const wasm = new Response(stream, { headers: { "Content-Type": "application/wasm" } });
    if (WebAssembly.instantiateStreaming) return WebAssembly.instantiateStreaming(wasm, imports);
    return WebAssembly.instantiate(await wasm.arrayBuffer(), imports);
  }

  window.addEventListener("escalate-ready", () => {
    $("loading").hidden = true;
    // Ebiten's canvas: a picture for screen readers (the log says it in
    // words), and out of the tab order (the page's shortcuts need no focus).
    const canvas = document.querySelector("body > canvas");
    if (canvas) {
      canvas.setAttribute("tabindex", "-1");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", "Map of the states, their firms and people, the attacks between them, and live charts; the log “What happened” tells it in words.");
    }
    reportStage();
  });

  // ---- the layout: what is on screen, and where (escalate.layout) -----------

  // layout lists the page's parts on screen in CSS pixels: the page's own
  // (getBoundingClientRect) and the map and the charts the game draws
  // (escalate.geometry), with the smallest type shown by either.
  function layout() {
    const regions = [];
    const add = (name, x, y, w, h) => { if (w > 0 && h > 0) regions.push({ name, x, y, w, h }); };
    const dom = (name, id) => {
      const el = $(id);
      if (!el || el.hidden || !el.getClientRects().length) return;
      const r = el.getBoundingClientRect();
      add(name, r.left, r.top, r.width, r.height);
    };
    dom("top", "top");
    dom("controls", "controls");
    const g = api().geometry();
    if (g.world) add("map", g.world.X, g.world.Y, g.world.W, g.world.H);
    if (g.worldB) add("map-b", g.worldB.X, g.worldB.Y, g.worldB.W, g.worldB.H);
    if (g.charts && g.charts.length) {
      const x0 = Math.min(...g.charts.map((c) => c.X)), y0 = Math.min(...g.charts.map((c) => c.Y));
      const x1 = Math.max(...g.charts.map((c) => c.X + c.W)), y1 = Math.max(...g.charts.map((c) => c.Y + c.H));
      add("charts", x0, y0, x1 - x0, y1 - y0);
    }
    dom("key", "key");
    dom("log", "narration");
    dom("tour", "tourcard");
    dom("callout", "tourcallout");
    let minTextPx = g.minTextPx > 0 ? g.minTextPx : Infinity;
    for (const el of $("app").querySelectorAll("*")) {
      if (![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.bottom <= 0 || r.right <= 0 || r.top >= window.innerHeight || r.left >= window.innerWidth) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden") continue;
      minTextPx = Math.min(minTextPx, parseFloat(style.fontSize));
    }
    return { viewport: { w: window.innerWidth, h: window.innerHeight }, regions, minTextPx: Number.isFinite(minTextPx) ? minTextPx : 0 };
  }

  // ---- the stage: tell the game where to draw -----------------------------

  function reportStage() {
    const e = api();
    if (!e || !e.setStage) return;
    const r = $("stage").getBoundingClientRect();
    e.setStage(r.left, r.top, r.width, r.height);
  }
  new ResizeObserver(reportStage).observe($("stage"));
  window.addEventListener("resize", reportStage);
  $("app").addEventListener("scroll", reportStage, { passive: true });

  // ---- the key: a first-visit card, and names on hover --------------------

  const introKey = "escalate.intro";
  function storedIntro() { try { return localStorage.getItem(introKey); } catch (err) { return "seen"; } }
  if (storedIntro() !== "seen") $("intro").hidden = false;
  $("introclose").addEventListener("click", () => {
    $("intro").hidden = true;
    try { localStorage.setItem(introKey, "seen"); } catch (err) { /* private mode: shown again next time */ }
    reportStage();
  });

  // Hovering over the map names what is under the pointer (escalate.describe).
  let tipAt = null;
  function showTip(x, y) {
    const e = api(), tip = $("tip");
    const text = e && e.describe ? e.describe(x, y) : "";
    if (!text) { tip.hidden = true; return; }
    tip.textContent = text;
    tip.hidden = false;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    const left = Math.min(x + 14, window.innerWidth - w - 4);
    const top = y + 18 + h > window.innerHeight ? y - h - 10 : y + 18;
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = Math.max(4, top) + "px";
  }
  document.addEventListener("pointermove", (ev) => {
    if (ev.target.tagName !== "CANVAS") { $("tip").hidden = true; tipAt = null; return; }
    if (tipAt === null) requestAnimationFrame(() => { if (tipAt) showTip(tipAt.x, tipAt.y); tipAt = null; });
    tipAt = { x: ev.clientX, y: ev.clientY };
  }, { passive: true });
  document.addEventListener("pointerleave", () => { $("tip").hidden = true; });

  // ---- the map's keyboard focus -------------------------------------------

  // Tab reaches the map; up and down move between the states, left and
  // right between the focused state's actors; the focused one is ringed,
  // named as the tooltip names it and announced (#mapfocus); Enter tells
  // its story.
  let focused = -1, focusState = -1;
  function mapKey(ev) {
    const e = api();
    const states = e.geometry().regions.length;
    if (!states) return false;
    switch (ev.key) {
      case "ArrowDown": case "ArrowUp": {
        const d = ev.key === "ArrowDown" ? 1 : -1;
        focusState = focusState < 0 ? (d > 0 ? 0 : states - 1) : (focusState + d + states) % states;
        focusOn(focusState);
        return true;
      }
      case "ArrowRight": case "ArrowLeft": {
        if (focusState < 0) focusState = 0;
        const ids = e.actorsIn(focusState);
        if (!ids.length) return true;
        const i = ids.indexOf(focused);
        const d = ev.key === "ArrowRight" ? 1 : -1;
        focusOn(i < 0 ? (d > 0 ? ids[0] : ids[ids.length - 1]) : ids[(i + d + ids.length) % ids.length]);
        return true;
      }
      case "Enter": case " ":
        if (focused >= 0) { e.selectActor(focused); return true; }
        return false;
    }
    return false;
  }
  function focusOn(id) {
    focused = id;
    const text = api().describeActor(id);
    $("mapfocus").textContent = text;
    placeFocus();
  }
  function placeFocus() {
    const ring = $("focusring"), tip = $("tip");
    const pt = focused >= 0 && document.activeElement === $("stage") ? api().actorPoint(focused) : null;
    ring.hidden = !pt;
    if (!pt) return;
    ring.style.left = pt.X + "px";
    ring.style.top = pt.Y + "px";
    tip.textContent = $("mapfocus").textContent;
    tip.hidden = false;
    const w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.max(4, Math.min(pt.X + 20, window.innerWidth - w - 4)) + "px";
    tip.style.top = Math.max(4, pt.Y + 24 + h > window.innerHeight ? pt.Y - h - 24 : pt.Y + 24) + "px";
  }
  $("stage").addEventListener("blur", () => { $("focusring").hidden = true; $("tip").hidden = true; });
  $("stage").addEventListener("focus", () => { if (focused >= 0) placeFocus(); });
  function mapFocus() { return { actor: focused, state: focusState, text: $("mapfocus").textContent }; }

  // ---- controls -----------------------------------------------------------

  function setupControls() {
    if (controlsBuilt) return;
    const e = api();
    controlsBuilt = true;
    const sel = $("scenario");
    const presets = e.presets();
    presets.forEach((p, i) => {
      const o = document.createElement("option");
      o.value = p.name;
      o.textContent = (i < 9 ? (i + 1) + ". " : "") + p.name;
      o.title = p.description;
      sel.appendChild(o);
    });
    $("help-presets").textContent = "presets: " + presets.slice(0, 9).map((p, i) => (i + 1) + " " + p.name).join(", ");
    sel.addEventListener("change", () => { notify(e.scenario(sel.value)); });

    const box = $("sliders");
    for (const c of e.controls()) {
      const div = document.createElement("div");
      div.className = "control";
      div.id = "c-" + c.key;
      const id = "p-" + c.key;
      const head = document.createElement("div");
      head.className = "head";
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = c.label;
      head.appendChild(label);
      const out = document.createElement("output");
      out.htmlFor = id;
      out.id = id + "-out";
      head.appendChild(out);
      div.appendChild(head);
      let input;
      if (c.type === "choice") {
        input = document.createElement("select");
        for (const ch of c.choices) {
          const o = document.createElement("option");
          o.value = o.textContent = ch;
          input.appendChild(o);
        }
      } else {
        input = document.createElement("input");
        input.type = "range";
        input.min = c.min; input.max = c.max; input.step = c.step;
        input.addEventListener("input", () => showValue(c, input.value));
      }
      input.id = id;
      input.dataset.key = c.key;
      const meaning = document.createElement("p");
      meaning.className = "meaning";
      meaning.id = id + "-meaning";
      meaning.textContent = c.meaning + " (" + c.key + ", " + c.allowed + ")";
      input.setAttribute("aria-describedby", meaning.id);
      input.addEventListener("change", () => {
        const err = e.set(c.key, input.value);
        notify(err);
        if (err && last) input.value = last.params[c.key];
      });
      div.appendChild(input);
      div.appendChild(meaning);
      box.appendChild(div);
      showValue(c, e.controls && last ? last.params[c.key] : "");
    }
    window.__controls = e.controls();
  }

  // The page is told of the run many times a second while it plays. An
  // unchanged write still costs the browser a style pass, a layout and a
  // repaint of the sidebar, so these write only what changed.
  function setText(el, text) { if (el.textContent !== text) el.textContent = text; }
  function setValue(el, v) { if (el.value !== v) el.value = v; }
  function setHidden(el, hidden) { if (el.hidden !== hidden) el.hidden = hidden; }
  function setAttr(el, name, v) { if (el.getAttribute(name) !== v) el.setAttribute(name, v); }

  function showValue(c, v) {
    const out = $("p-" + c.key + "-out");
    if (!out || out.dataset.shown === String(v)) return;
    out.dataset.shown = String(v);
    out.innerHTML = "";
    out.append(String(v));
    if (c.type !== "choice") {
      const u = document.createElement("span");
      u.className = "unit";
      u.textContent = " " + c.unit;
      out.append(u);
    }
  }

  // ---- what the game reports ----------------------------------------------

  window.escalateUI = {
    update(json) {
      let u;
      try { u = JSON.parse(json); } catch (err) { return; }
      last = u;
      // Before the first frame the page waits: the game calls this in the
      // same animation frame as its first drawing, so the map shows first
      // and the panels follow a moment later.
      // Reports add to what was told before (the log's new lines), so
      // each is rendered, in order.
      if (pending.length || !(api() && api().ready)) {
        if (!pending.length) setTimeout(() => { for (const p of pending.splice(0)) render(p); });
        pending.push(u);
        return;
      }
      render(u);
    },
  };

  function render(u) {
    if (!controlsBuilt && api().presets) setupControls();
    document.body.classList.toggle("lecture", u.lecture);
    setAttr($("lecture"), "aria-pressed", String(u.lecture));
    const play = $("play");
    setText(play, u.playing ? "Pause" : (u.done ? "Play again" : "Play"));
    setAttr(play, "aria-pressed", String(u.playing));
    setText($("day"), u.tick >= 0 ? "Day " + u.tick + " of " + u.ticks : "Day – of " + u.ticks);
    const speed = $("speed");
    const sv = u.speed < 0 ? "max" : String(u.speed);
    if (document.activeElement !== speed && speed.value !== sv) {
      if (![...speed.options].some((o) => o.value === sv)) {
        const o = document.createElement("option");
        o.value = sv; o.textContent = sv + " days/s";
        speed.appendChild(o);
      }
      speed.value = sv;
    }
    const sel = $("scenario");
    if (document.activeElement !== sel) setValue(sel, u.scenario);
    setText($("description"), u.description + " — " + u.actors.toLocaleString("en") + " actors." + (u.law ? " " + u.law : ""));
    // The premise stays in view in lecture mode, where the controls are
    // hidden: the tour chapter's, else the world's.
    setText($("premise"), u.tour && u.tour.premise ? u.tour.premise : u.description + "." + (u.law ? " " + u.law : ""));
    const seed = $("seed");
    if (document.activeElement !== seed) setValue(seed, u.seed);

    if (window.__controls) {
      const applies = new Set(u.applies || []);
      for (const c of window.__controls) {
        const input = $("p-" + c.key);
        if (!input) continue;
        // Sliders that change nothing in this world are hidden.
        setHidden($("c-" + c.key), !applies.has(c.key));
        const v = u.params[c.key];
        if (document.activeElement !== input && input.value !== v) input.value = v;
        if (document.activeElement !== input) showValue(c, v);
      }
    }

    renderChanges(u);

    for (const n of u.notices || []) showNotice(n);

    // Screen readers hear the log as it grows, unless the run is too fast
    // to listen to: then pause, or step, to hear each day.
    setAttr($("log"), "aria-live", u.playing && (u.speed < 0 || u.speed > 2) ? "off" : "polite");
    if (u.logReset) $("log").innerHTML = "";
    if (u.log && u.log.length) appendLog(u.log);
    if (u.storyChanged) renderStory(u.story);
    setText($("numbers"), u.numbers);
    renderCompare(u.compare);
    $("answersonly").checked = u.answersOnly;
    setHidden($("key-licensed"), !u.licensing);
    setHidden($("key-preemptive"), !u.preempting);
    renderTour(u.tour);
    if (focused >= 0 && document.activeElement === $("stage")) placeFocus();

    setValue($("link"), location.origin + location.pathname + "?" + u.query);
    setValue($("command"), u.command);
    // Keep the address bar in step, at most once a second while playing
    // (browsers limit how often a page may rewrite it).
    const now = Date.now();
    if (u.query !== lastURL && (!u.playing || now - lastURLTime > 1000)) {
      try { history.replaceState(null, "", "?" + u.query); lastURL = u.query; lastURLTime = now; } catch (err) { /* rate-limited: next time */ }
    }
  }

  // renderChanges lists the reader's changes: the set-up, then those made
  // during the run; rebuilt only when they changed.
  let shownChanges = null;
  function renderChanges(u) {
    const all = (u.sets || []).map((s) => "from the start: " + s).concat(u.changes || []);
    const key = all.join("\n");
    if (key === shownChanges) return;
    shownChanges = key;
    const changes = $("changes");
    changes.innerHTML = "";
    if (all.length === 0) {
      const li = document.createElement("li");
      li.className = "none";
      li.textContent = "None yet.";
      changes.appendChild(li);
    }
    for (const c of all) {
      const li = document.createElement("li");
      li.textContent = c;
      changes.appendChild(li);
    }
  }

  // renderCompare shows the two worlds' labels, the difference between
  // them since the change and world B's command; nothing with one world.
  let shownVariant = "";
  function renderCompare(c) {
    document.body.classList.toggle("comparing", !!c);
    setHidden($("compare"), !c);
    setHidden($("commandb-row"), !c);
    setText($("command-label"), c ? "World A on the command line" : "The same run on the command line");
    setHidden($("compareoff"), !c);
    setText($("comparego"), c ? "Compare instead" : "Compare");
    if (!c) { shownVariant = ""; return; }
    // The box shows the comparison when it starts, and is the reader's after.
    if (c.variant !== shownVariant) { shownVariant = c.variant; $("comparetext").value = c.variant; }
    setText($("compare-labels"), c.labelA + " — " + c.labelB + ". " + c.seeds + "; charts: A plain lines, B lines with squares.");
    setText($("difference"), c.difference);
    setValue($("commandb"), c.commandB);
  }


  // ---- the guided tour: the chapter's card, the beats' callout -------------

  let tourKey = "";   // what the card shows now; it is rebuilt when it changes
  let tourShown = null;

  // renderTour shows the open chapter (escalate.chapter()): its premise and
  // question, a bar while it runs, the beat's caption on the map, the
  // answer; nothing in the sandbox.
  function renderTour(t) {
    tourShown = t || null;
    document.body.classList.toggle("touring", !!t);
    setAttr($("tourbtn"), "aria-pressed", String(!!t));
    const card = $("tourcard"), call = $("tourcallout");
    if (!t) {
      if (tourKey) { card.hidden = true; call.hidden = true; $("tourmark").hidden = true; tourKey = ""; reportStage(); }
      return;
    }
    const key = [t.number, t.state, t.guess, t.beat, t.caption].join("|");
    if (key !== tourKey) {
      tourKey = key;
      if (t.state === "beat") showCallout(t); else call.hidden = true;
      if (t.state === "beat") card.hidden = true; else buildCard(t);
    }
    placeTour(t);
  }

  function button(text, onClick, cls, id) {
    const b = document.createElement("button");
    b.type = "button";
    if (id) b.id = id;
    b.textContent = text;
    if (cls) b.className = cls;
    b.addEventListener("click", onClick);
    return b;
  }

  function para(text, cls) {
    const p = document.createElement("p");
    p.textContent = text;
    if (cls) p.className = cls;
    return p;
  }

  function buildCard(t) {
    const e = api(), card = $("tourcard"), body = $("tour-body"), row = $("tour-buttons");
    card.hidden = false;
    card.className = "tourcard " + t.state;
    $("tour-step").textContent = "Guided tour · chapter " + t.number + " of " + t.count;
    $("tour-title").textContent = t.title;
    body.innerHTML = "";
    row.innerHTML = "";
    let focus = null;
    const back = button("Back", () => notify(e.tourBack()), "quiet", "tour-back");
    back.disabled = t.number === 1;
    const next = button(t.last ? "To the sandbox" : "Next chapter", () => notify(e.tourNext()), "", "tour-next");
    const leave = button("Leave the tour", () => e.tourLeave(), "quiet", "tour-leave");
    if (t.state === "premise") {
      body.appendChild(para(t.premise));
      const q = document.createElement("fieldset");
      q.className = "question";
      const legend = document.createElement("legend");
      legend.textContent = "What do you think? " + t.question;
      q.appendChild(legend);
      t.choices.forEach((c, i) => {
        const b = button(c, () => notify(e.tourAnswer(i + 1)), "choice", "tour-choice-" + (i + 1));
        b.setAttribute("aria-pressed", String(t.guess === i + 1));
        q.appendChild(b);
        if (!focus && (t.guess === 0 || t.guess === i + 1)) focus = b;
      });
      body.appendChild(q);
      const run = button("Run", () => notify(e.tourRun()), "run", "tour-run");
      run.disabled = t.guess === 0;
      run.title = t.guess === 0 ? "Pick an answer first" : "Run the chapter; it pauses at the story's moments";
      row.append(run, back, next, leave);
      if (t.guess > 0) focus = run;
    } else if (t.state === "running") {
      body.appendChild(para("Running: the run pauses at each of the story's " + t.beats + " moments (" + t.beat + " seen so far)."));
      row.append(back, next, leave);
    } else if (t.state === "answer") {
      const a = t.answer;
      const mine = t.guess > 0 ? t.choices[t.guess - 1] : null;
      const verdict = para(mine === null ? "You did not guess. The experiment: " + a.expected + "."
        : (a.right ? "✓ You guessed right: " + mine + "." : "✗ You guessed “" + mine + "”; the experiment found: " + a.expected + "."), a.right ? "right" : "wrong");
      body.appendChild(verdict);
      body.appendChild(para(a.text));
      const more = document.createElement("p");
      more.className = "claimline";
      more.append("Claim " + a.claim + " " + a.verdict + ". ");
      const link = document.createElement("a");
      link.href = a.link;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "How the experiment was run";
      more.appendChild(link);
      body.appendChild(more);
      row.append(next, back, leave);
      focus = next;
    }
    reportStage();
    if (focus && t.state !== "running") focus.focus({ preventScroll: true });
  }

  function showCallout(t) {
    const call = $("tourcallout");
    call.hidden = false;
    $("callout-step").textContent = t.title + " · moment " + t.beat + " of " + t.beats;
    $("callout-text").textContent = t.caption;
    $("callout-continue").textContent = t.beat === t.beats ? "Continue to the answer" : "Continue";
    $("callout-continue").focus({ preventScroll: true });
  }

  // besideMap returns the narration column's box when it stands beside the
  // map (a wide layout) and is wide enough to hold the tour's card, else
  // null: the card goes there, so that it hides none of the map.
  function besideMap(w) {
    const n = $("narration").getBoundingClientRect();
    return n.width >= 260 && n.left >= w.X + w.W - 1 ? n : null;
  }

  // placeTour puts the card beside the map (over the narration column)
  // where the layout has room, else on the map; and the callout beside the
  // actor the beat is about, inside the map.
  function placeTour(t) {
    const g = api().geometry();
    const w = g.world;
    if (!w || !w.W) return;
    const vw = window.innerWidth, vh = window.innerHeight;
    const b = g.worldB && g.worldB.W ? g.worldB : w;
    const maps = { X: Math.min(w.X, b.X), W: Math.max(w.X + w.W, b.X + b.W) - Math.min(w.X, b.X) };
    const narrow = maps.W < 360;
    const left = narrow ? 4 : w.X + 10;
    const width = narrow ? vw - 8 : Math.min(w.W - 20, 480);
    const card = $("tourcard");
    if (!card.hidden) {
      const side = narrow ? null : besideMap(maps);
      const top = Math.max(4, (side ? side.top : w.Y) + 10);
      card.style.left = (side ? side.left + 6 : left) + "px";
      card.style.top = top + "px";
      card.style.width = (side ? side.width - 12 : width) + "px";
      card.style.maxHeight = Math.max(160, vh - top - 8) + "px";
    }
    const call = $("tourcallout"), mark = $("tourmark");
    if (t.state !== "beat") { mark.hidden = true; return; }
    const pt = t.actor >= 0 ? api().actorPoint(t.actor) : null;
    mark.hidden = !pt;
    if (pt) {
      mark.style.left = pt.X + "px";
      mark.style.top = pt.Y + "px";
    }
    const cw = Math.min(width, 380);
    call.style.width = cw + "px";
    const ch = call.offsetHeight;
    let x = pt ? pt.X - cw / 2 : w.X + (w.W - cw) / 2;
    x = Math.min(Math.max(x, narrow ? 4 : w.X + 6), (narrow ? vw - 4 : w.X + w.W - 6) - cw);
    // Above the actor when it is in the map's lower half (or nothing fits
    // below), else below it; never over the top bar.
    const top = Math.max(4, w.Y);
    const above = pt ? pt.Y - ch - 24 : top + 6;
    let y = pt && !(above >= top && (pt.Y - w.Y > w.H / 2 || pt.Y + 24 + ch > vh - 4)) ? pt.Y + 24 : above;
    y = Math.min(Math.max(y, top), vh - ch - 4);
    call.style.left = x + "px";
    call.style.top = y + "px";
  }

  $("tourbtn").addEventListener("click", () => {
    const e = api();
    if (tourShown) e.tourLeave(); else notify(e.tourOpen("1"));
  });
  $("callout-continue").addEventListener("click", () => api().tourContinue());
  $("callout-leave").addEventListener("click", () => api().tourLeave());

  function appendLog(entries) {
    const log = $("log");
    for (const e of entries) {
      const li = document.createElement("li");
      li.className = "l" + e.level;
      const when = document.createElement("span");
      when.className = "when";
      when.textContent = "Day " + e.tick + ".";
      li.appendChild(when);
      if (e.level >= 3) {
        const tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = e.level >= 4 ? "Armed conflict" : "Alarm";
        li.appendChild(tag);
      }
      li.appendChild(document.createTextNode(e.text));
      if (e.act >= 0 || e.actor >= 0) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = "chain";
        b.setAttribute("aria-label", "Tell the chain of this moment from its root");
        b.addEventListener("click", () => {
          if (e.act >= 0) api().selectAct(e.act); else api().selectActor(e.actor);
        });
        li.appendChild(b);
      }
      log.insertBefore(li, log.firstChild);
    }
    while (log.children.length > 200) log.removeChild(log.lastChild);
  }

  function renderStory(st) {
    const box = $("story");
    if (!st) { box.hidden = true; return; }
    box.hidden = false;
    $("story-title").textContent = st.Title;
    $("story-note").textContent = st.Note || "";
    const ol = $("story-lines");
    ol.innerHTML = "";
    for (const l of st.Lines || []) {
      const li = document.createElement("li");
      li.textContent = l.Text;
      if (l.OnPath) li.className = "path";
      if (l.Act === st.Act) li.className = "picked";
      ol.appendChild(li);
    }
  }

  function showNotice(text) {
    if (!text || noticesShown.has(text)) return;
    noticesShown.add(text);
    const div = document.createElement("div");
    div.className = "notice";
    const span = document.createElement("span");
    span.textContent = text;
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = "Dismiss";
    b.addEventListener("click", () => { div.remove(); reportStage(); });
    div.append(span, b);
    $("notices").appendChild(div);
    reportStage();
  }

  // notify shows an error a command returned (null when it succeeded).
  function notify(err) {
    if (err) showNotice(String(err));
  }

  // ---- buttons ------------------------------------------------------------

  $("play").addEventListener("click", () => api().toggle());
  $("step").addEventListener("click", () => api().step(1));
  $("reset").addEventListener("click", () => api().reset());
  $("speed").addEventListener("change", (ev) => api().setSpeed(ev.target.value));
  $("seedgo").addEventListener("click", () => notify(api().seed($("seed").value)));
  const compareGo = () => { if ($("comparetext").value.trim()) notify(api().compare($("comparetext").value)); };
  $("comparego").addEventListener("click", compareGo);
  $("comparetext").addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); compareGo(); } });
  $("compareoff").addEventListener("click", () => notify(api().compare("")));
  $("answersonly").addEventListener("change", () => notify(api().setArcs($("answersonly").checked ? "answers" : "all")));
  $("seed").addEventListener("keydown", (ev) => { if (ev.key === "Enter") notify(api().seed($("seed").value)); });
  $("lecture").addEventListener("click", () => {
    const on = !(last && last.lecture);
    api().setLecture(on);
    if (on) enterFullscreen();
  });
  $("fullscreen").addEventListener("click", toggleFullscreen);
  $("helpbtn").addEventListener("click", openHelp);
  $("helpclose").addEventListener("click", closeHelp);
  $("storyclose").addEventListener("click", () => api().clearSelection());
  $("copylink").addEventListener("click", () => copy($("link")));
  $("copycmd").addEventListener("click", () => copy($("command")));
  $("copycmdb").addEventListener("click", () => copy($("commandb")));
  for (const b of document.querySelectorAll("[data-table]")) {
    b.addEventListener("click", () => download(b.dataset.table));
  }

  function download(table) {
    const e = api();
    const text = e.csv(table);
    if (text instanceof Error) { notify(text.message); return; }
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
    a.download = e.csvName(table);
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function copy(input) {
    input.select();
    if (navigator.clipboard) navigator.clipboard.writeText(input.value).catch(() => document.execCommand("copy"));
    else document.execCommand("copy");
  }

  function enterFullscreen() {
    const el = document.documentElement;
    if (!document.fullscreenElement && el.requestFullscreen) el.requestFullscreen().then(lockEscape).catch(() => {});
  }
  // In fullscreen the browser takes Esc to leave it; where it lets a page
  // have the key (Keyboard Lock), Esc closes what is open first.
  function lockEscape() {
    if (navigator.keyboard && navigator.keyboard.lock) navigator.keyboard.lock(["Escape"]).catch(() => {});
  }
  // However fullscreen ends (the browser's own Esc), the help does not
  // stay open over the page.
  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement && !$("help").hidden) closeHelp();
  });
  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else enterFullscreen();
  }

  let helpReturn = null;
  function openHelp() {
    helpReturn = document.activeElement;
    $("help").hidden = false;
    $("helpclose").focus();
  }
  function closeHelp() {
    $("help").hidden = true;
    if (helpReturn && helpReturn.focus) helpReturn.focus();
  }

  // ---- keyboard -----------------------------------------------------------

  document.addEventListener("keydown", (ev) => {
    const e = api();
    if (!e || !e.ready) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const help = !$("help").hidden;
    if (ev.key === "Escape") {
      // The innermost thing open closes first: the help, the story, the
      // guided tour; with nothing open, fullscreen ends.
      if (help) closeHelp();
      else if (!$("story").hidden) e.clearSelection();
      else if (tourShown) e.tourLeave();
      else if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      ev.preventDefault();
      return;
    }
    if (help) {
      if (ev.key === "?") { closeHelp(); ev.preventDefault(); }
      return;
    }
    const t = ev.target;
    const tag = t && t.tagName;
    // Fields keep their keys: typing, arrows on sliders, lists.
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (t && t.isContentEditable)) return;
    // A focused button takes space and enter as a click.
    if (tag === "BUTTON" && (ev.key === " " || ev.key === "Enter")) return;
    // The focused map takes the arrows and Enter.
    if (t === $("stage") && mapKey(ev)) { ev.preventDefault(); return; }
    let done = true;
    switch (ev.key) {
      case " ": e.toggle(); break;
      case "ArrowRight": e.step(1); break;
      case "r": case "R": e.reset(); break;
      case "+": case "=": e.faster(); break;
      case "-": case "_": case "−": e.slower(); break;
      case "f": case "F": toggleFullscreen(); break;
      case "l": case "L": {
        const on = !(last && last.lecture);
        e.setLecture(on);
        if (on) enterFullscreen(); else if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
        break;
      }
      case "?": openHelp(); break;
      // The lecturer's keys change the run as the sliders do.
      case "b": case "B": notify(e.cycleHackBack()); break;
      case "[": notify(e.nudge("attribution_skill", -0.1)); break;
      case "]": notify(e.nudge("attribution_skill", 0.1)); break;
      case "t": case "T": if (!e.tellAlarm()) showNotice("No alarm yet: nothing to tell."); break;
      case "a": case "A": notify(e.setArcs($("answersonly").checked ? "all" : "answers")); break;
      default:
        if (ev.key >= "1" && ev.key <= "9") e.preset(Number(ev.key));
        else done = false;
    }
    if (done) ev.preventDefault();
  });

  window.addEventListener("error", (ev) => showNotice("Something went wrong in the page: " + ev.message));

  load();
})();
