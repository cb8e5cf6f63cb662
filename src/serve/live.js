/* Live-reload client of `episode serve` (/__episode/live.js; never part of a built site).
   Reloads the page when the server's events say its source changed, keeping the scroll
   position, and after the server restarted; shows the page's findings in a dismissible,
   non-modal panel and in the console. Styles: live.css. */
(function () {
  "use strict";
  var BASE = "/__episode/", SCROLL = "episode-live-scroll", HIDDEN = "episode-live-dismissed:";
  var page = location.pathname.replace(/\/$/, "/index.html").replace(/^\/+/, "");
  try { page = decodeURIComponent(page); } catch (e) { /* keep it as it is */ }

  function parse(text) { try { return JSON.parse(text) || {}; } catch (e) { return {}; } }
  // sessionStorage: one argument reads, null removes; nothing where storage is off.
  function store(key, value) {
    try {
      if (value === undefined) { return sessionStorage.getItem(key); }
      if (value === null) { sessionStorage.removeItem(key); } else { sessionStorage.setItem(key, value); }
    } catch (e) { return null; }
  }

  function reload() {
    store(SCROLL, JSON.stringify({ page: page, y: window.scrollY }));
    location.reload();
  }
  var saved = parse(store(SCROLL));
  store(SCROLL, null);
  if (saved.page === page) {
    requestAnimationFrame(function () {
      scrollTo(0, saved.y);
      // Images can still change the height: place it again once they are in.
      addEventListener("load", function () {
        if (Math.abs(scrollY - saved.y) > 2) { scrollTo(0, saved.y); }
      }, { once: true });
    });
  }

  var version = null, lost = false, source;
  function connect() {
    source = new EventSource(BASE + "events");
    source.addEventListener("hello", function (event) {
      var v = parse(event.data).version;
      // Back after a lost connection or a restart: what is shown may be out of date.
      if (lost || (version !== null && v < version)) { reload(); return; }
      version = v;
      if (logged !== null && logged !== v) { findings(); }
    });
    source.addEventListener("reload", function (event) {
      var d = parse(event.data);
      if (d.all || !Array.isArray(d.pages) || d.pages.indexOf(page) >= 0) { reload(); }
    });
    source.addEventListener("findings", function (event) {
      version = parse(event.data).version;
      findings();
    });
    source.onerror = function () {
      if (version !== null) { lost = true; }
      // The browser retries by itself, unless the server refused the stream.
      if (source.readyState === EventSource.CLOSED) { setTimeout(connect, 1000); }
    };
  }
  connect();
  // Leaving frees the connection; coming back from the history reloads.
  addEventListener("pagehide", function () { source.close(); });
  addEventListener("pageshow", function (event) { if (event.persisted) { location.reload(); } });

  var asked = 0, logged = null, shown = null, panel, title, list, status;
  function findings() {
    var ask = ++asked;
    fetch(BASE + "findings?page=" + encodeURIComponent(page), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && ask === asked) { show(data); } }, function () { /* server gone */ });
  }

  function where(f) { return f.file + (f.line ? ":" + f.line + (f.column ? ":" + f.column : "") : ""); }
  function add(parent, tag, cls, text) {
    var node = parent.appendChild(document.createElement(tag));
    node.className = "episode-live-" + cls;
    node.textContent = text;
    return node;
  }

  function show(data) {
    var items = Array.isArray(data.findings) ? data.findings : [], level = "note";
    // What kept the last save from being shown comes first.
    items = items.filter(function (f) { return f.blocking; }).concat(items.filter(function (f) { return !f.blocking; }));
    if (logged !== data.version) {
      logged = data.version;
      items.forEach(function (f) {
        var log = { error: console.error, warning: console.warn }[f.severity] || console.info;
        log.call(console, "episode: " + f.severity + "[" + f.rule + "] " + where(f) + ": " + f.message + (f.help ? "\n  help: " + f.help : ""));
      });
    }
    var key = JSON.stringify([!!data.stale, items]);
    if (key === shown) { return; }
    shown = key;
    if (!items.length && !data.stale) { store(HIDDEN + page, null); }
    if ((!items.length && !data.stale) || store(HIDDEN + page) === key) { hide(false); return; }
    if (!panel) {
      panel = add(document.body, "section", "panel", "");
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-labelledby", "episode-live-title");
      panel.innerHTML = '<div class="episode-live-head"><h2 class="episode-live-title" id="episode-live-title"></h2>' +
        '<button type="button" class="episode-live-close" aria-label="Dismiss">\u00d7</button></div><ul class="episode-live-list"></ul>';
      title = panel.querySelector("h2");
      list = panel.querySelector("ul");
      panel.querySelector("button").addEventListener("click", function () { hide(true); });
      status = add(document.body, "p", "status", "");
      status.setAttribute("role", "status");
    }
    title.textContent = data.stale ? "The last save could not be shown: this page is the last good version"
      : items.length + (items.length === 1 ? " problem" : " problems") + " in this page";
    list.textContent = "";
    items.forEach(function (f) {
      var li = add(list, "li", "item", ""), sev = String(f.severity || "note");
      add(li, "span", "badge episode-live-" + sev, sev);
      add(li, "span", "rule", f.rule || "");
      add(li, "code", "loc", where(f));
      add(li, "p", "msg", f.message || "");
      if (f.help) { add(li, "p", "help", f.help); }
      if (sev === "error" || (sev === "warning" && level === "note")) { level = sev; }
    });
    panel.setAttribute("data-level", data.stale ? "error" : level);
    panel.hidden = false;
    status.textContent = title.textContent;
  }

  function hide(dismissed) {
    if (!panel || panel.hidden) { return; }
    if (dismissed) { store(HIDDEN + page, shown); }
    var focused = panel.contains(document.activeElement);
    panel.hidden = true;
    status.textContent = "";
    if (focused) { (document.getElementById("content") || document.body).focus({ preventScroll: true }); }
  }

  // Escape closes the panel, unless the page's own search, drawer or viewer took it.
  addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented || !panel || panel.hidden) { return; }
    if (document.querySelector("dialog[open]") && !panel.contains(event.target)) { return; }
    hide(true);
  });

  findings();
})();
