/* Search over the whole course, offline and from file://. The build writes the index as
   scripts under search/ (loaded with <script src>, since fetch does not work from file://):
   index.js (episodes, sections, which file holds which terms), terms-<hex>.js (the terms that
   begin with two given characters, each with its sections and weights), text-<n>.js (the
   plain text of one episode's sections, for excerpts). Each calls back into EpisodeSearch.
   Results show as soon as the term files are in; the text files, which are most of the bytes,
   follow for the first few results only, and their excerpts fill in as each one arrives. (Where
   files load fast, as from file://, the results wait a moment for them, so as not to jump.)
   The field is a combobox: arrows move through the results, Enter opens one, Escape closes. */
(function () {
  "use strict";
  var MAX_RESULTS = 20;
  var MAX_EXPANSIONS = 50;
  var PREFIX_WEIGHT = 0.6;
  var EXCERPT_RESULTS = 5;     // text files are loaded for the first results only...
  var EXCERPT_AHEAD = 2;       // ...and for a few past the active one as the reader moves down
  var FAST_LOAD_MS = 50;       // when the last index file took less than this to load,
  var EXCERPT_WAIT_MS = 150;   // results wait up to this long for their first text files
  var EXCERPT_CHARS = 180;

  /* ---- What the index files hand over ---- */

  var index = null;          // {episodes, sections, shards, texts}
  var shards = {};           // shard key -> [[term, [section, weight, ...]], ...]
  var texts = [];            // section id -> plain text
  var loading = {};          // file -> Promise
  var lastLoadMs = Infinity; // how long the last file took to load

  window.EpisodeSearch = {
    index: function (data) { index = data; },
    terms: function (key, list) { shards[key] = list; },
    text: function (n, first, list) {
      for (var i = 0; i < list.length; i++) { texts[first + i] = list[i]; }
    }
  };

  /* ---- Loading index files ---- */

  var box, base, input, list, status, toggle;

  function load(file) {
    if (!loading[file]) {
      loading[file] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        var started = Date.now();
        script.src = base + "search/" + file;
        script.onload = function () { lastLoadMs = Date.now() - started; resolve(); };
        script.onerror = function () { reject(new Error("cannot load " + file)); };
        document.head.appendChild(script);
      });
    }
    return loading[file];
  }

  function loadIndex() {
    return load("index.js").then(function () {
      if (!index || index.version !== 1) { throw new Error("unknown search index"); }
    });
  }

  // The text file of an episode: one per episode, in episode order.
  function textFileOf(episode) {
    var files = index.texts || [];
    return files.length === index.episodes.length ? [files[episode]] : files;
  }

  /* ---- Query: the same tokens the build indexed ---- */

  var segmenter = null;
  try {
    if (window.Intl && Intl.Segmenter) { segmenter = new Intl.Segmenter(undefined, { granularity: "word" }); }
  } catch (e) { segmenter = null; }

  function tokenize(text) {
    var lower = text.toLowerCase();
    var words = [];
    if (segmenter) {
      var parts = segmenter.segment(lower);
      for (var it = parts[Symbol.iterator](), step = it.next(); !step.done; step = it.next()) {
        if (step.value.isWordLike) { words.push(step.value.segment); }
      }
    } else {
      words = lower.match(/[\p{L}\p{N}]+/gu) || [];
    }
    var tokens = [];
    words.forEach(function (word) {
      word.split(/[^\p{L}\p{N}]+/u).forEach(function (token) {
        if (Array.from(token).length >= 2 && tokens.indexOf(token) < 0) { tokens.push(token); }
      });
    });
    return tokens;
  }

  function shardKey(token) { return Array.from(token).slice(0, 2).join(""); }

  // A token and the stems of its plural ("caches" also finds "cache", "processes"
  // "process"): the index holds words as written, and a prefix finds longer ones only.
  function stems(token) {
    var out = [token];
    var n = Array.from(token).length;
    if (n >= 4 && /s$/.test(token) && !/ss$/.test(token)) { out.push(token.slice(0, -1)); }
    if (n >= 5 && /(ss|sh|ch|x)es$/.test(token)) { out.push(token.slice(0, -2)); }
    return out;
  }

  // What results and landing pages mark: words that start with a token, and the stems of
  // the tokens as whole words ("logs" marks "log", not "login").
  function marked(tokens) {
    var words = [];
    tokens.forEach(function (token) {
      stems(token).slice(1).forEach(function (stem) { if (words.indexOf(stem) < 0) { words.push(stem); } });
    });
    return { prefixes: tokens, words: words };
  }

  /* ---- Ranking ---- */

  // Sections matching one token: {section: best weight}, and the terms it matched.
  function matchToken(token) {
    var scores = {};
    stems(token).forEach(function (stem) {
      var terms = shards[shardKey(stem)] || [];
      var lo = 0, hi = terms.length;
      while (lo < hi) {           // first term >= stem (terms are sorted)
        var mid = (lo + hi) >> 1;
        if (terms[mid][0] < stem) { lo = mid + 1; } else { hi = mid; }
      }
      for (var i = lo, n = 0; i < terms.length && n < MAX_EXPANSIONS; i++, n++) {
        var term = terms[i][0];
        if (term.lastIndexOf(stem, 0) !== 0) { break; }
        // A stem counts as the whole word only: "logs" finds "log", not "login".
        if (stem !== token && term !== stem) { continue; }
        var factor = term === token || term === stem ? 1 : PREFIX_WEIGHT;
        var postings = terms[i][1];
        for (var p = 0; p + 1 < postings.length; p += 2) {
          var score = postings[p + 1] * factor;
          if (!(scores[postings[p]] >= score)) { scores[postings[p]] = score; }
        }
      }
    });
    return scores;
  }

  // Every token must match (or, when no section has them all, any token); best first.
  function rank(tokens) {
    var perToken = tokens.map(matchToken);
    function combine(all) {
      var total = {}, count = {};
      perToken.forEach(function (scores) {
        Object.keys(scores).forEach(function (section) {
          total[section] = (total[section] || 0) + scores[section];
          count[section] = (count[section] || 0) + 1;
        });
      });
      return Object.keys(total)
        .filter(function (s) { return !all || count[s] === perToken.length; })
        .map(function (s) { return { section: +s, score: total[s] }; });
    }
    var found = combine(true);
    if (found.length === 0 && tokens.length > 1) { found = combine(false); }
    found.sort(function (a, b) { return b.score - a.score || a.section - b.section; });
    return found.slice(0, MAX_RESULTS);
  }

  /* ---- Results ---- */

  var results = [];
  var resultTokens = [];     // the tokens the shown results were found with
  var shown = 0;             // counts renders, so late text files fill in only their own list
  var active = -1;
  var generation = 0;

  function isMarked(word, match) {
    var lower = word.toLowerCase();
    for (var i = 0; i < match.prefixes.length; i++) {
      if (lower.lastIndexOf(match.prefixes[i], 0) === 0) { return true; }
    }
    return match.words.indexOf(lower) >= 0;
  }

  // A stretch of the section's text around its first match, every matching word in <mark>.
  function excerpt(text, match) {
    var words = /[\p{L}\p{N}]+/gu;
    var m, first = -1;
    while ((m = words.exec(text)) !== null) {
      if (isMarked(m[0], match)) { first = m.index; break; }
    }
    var start = first < 0 ? 0 : Math.max(0, first - 60);
    if (start > 0) {                        // begin on a word boundary
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < first) { start = space + 1; }
    }
    var end = Math.min(text.length, start + EXCERPT_CHARS);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > start + 40) { end = cut; }
    }
    var slice = text.slice(start, end);
    var node = document.createElement("span");
    node.className = "search-result-excerpt";
    if (start > 0) { node.appendChild(document.createTextNode("… ")); }
    var at = 0;
    words.lastIndex = 0;
    while ((m = words.exec(slice)) !== null) {
      if (!isMarked(m[0], match)) { continue; }
      node.appendChild(document.createTextNode(slice.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      node.appendChild(mark);
      at = m.index + m[0].length;
    }
    node.appendChild(document.createTextNode(slice.slice(at) + (end < text.length ? " …" : "")));
    return node;
  }

  function span(className, text) {
    var node = document.createElement("span");
    node.className = className;
    node.textContent = text;
    return node;
  }

  function render(found, tokens, query) {
    results = found;
    resultTokens = tokens;
    shown++;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.textContent = "";
    found.forEach(function (hit, i) {
      var section = index.sections[hit.section];
      var episode = index.episodes[section[0]];
      var option = document.createElement("a");
      option.className = "search-result";
      option.id = "search-result-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.tabIndex = -1;
      // The page marks the words searched for (`?highlight=`), as it is landed on.
      option.href = base + episode.url + "?highlight=" + encodeURIComponent(query.trim()) +
        (section[2] ? "#" + section[2] : "");
      option.appendChild(span("search-result-title", section[2] ? section[1] : episode.title));
      option.appendChild(span("search-result-meta", [episode.series, episode.label, episode.title].join(" · ")));
      if (typeof texts[hit.section] === "string") { option.appendChild(excerpt(texts[hit.section], marked(tokens))); }
      option.addEventListener("mousemove", function () { if (active !== i) { select(i); } });
      list.appendChild(option);
    });
    if (found.length === 0) {
      var empty = document.createElement("p");
      empty.className = "search-empty";
      empty.textContent = "No results for “" + query + "”";
      list.appendChild(empty);
    }
    open();
    say(found.length === 0 ? "No results" : found.length + (found.length === 1 ? " result" : " results") +
      (found.length === MAX_RESULTS ? " (the best " + MAX_RESULTS + ")" : ""));
    loadExcerpts(0, EXCERPT_RESULTS);
  }

  // Loads the text files of results start..end-1, and fills in each result's excerpt as its
  // file arrives. The options stay where they are (and the active one stays active); only
  // their excerpts are added, keeping the active option where it was in the scrolled list.
  function loadExcerpts(start, end) {
    var mine = shown;
    excerptFiles(results, start, end).forEach(function (file) {
      load(file).then(function () {
        if (mine === shown) { fillExcerpts(); }
      }, function () { /* no excerpt then; the result still leads to its section */ });
    });
  }

  // The text files still missing for found[start..end-1].
  function excerptFiles(found, start, end) {
    var files = [];
    found.slice(start, end).forEach(function (hit) {
      if (typeof texts[hit.section] === "string") { return; }
      textFileOf(index.sections[hit.section][0]).forEach(function (file) {
        if (files.indexOf(file) < 0 && files.length < end - start) { files.push(file); }
      });
    });
    return files;
  }

  function fillExcerpts() {
    var options = list.querySelectorAll("[role=option]");
    var anchor = options[active] || null;
    var scrolled = list.scrollTop > 0;
    var before = anchor ? anchor.offsetTop - list.scrollTop : 0;
    results.forEach(function (hit, i) {
      var option = options[i];
      if (!option || typeof texts[hit.section] !== "string" || option.querySelector(".search-result-excerpt")) { return; }
      option.appendChild(excerpt(texts[hit.section], marked(resultTokens)));
    });
    if (!anchor) { return; }
    // The active option stays where the reader sees it (the top of the list stays put when
    // it was not scrolled), and whole in view if it grew past the bottom.
    if (scrolled) { list.scrollTop = anchor.offsetTop - before; }
    var bottom = anchor.offsetTop + anchor.offsetHeight - list.clientHeight;
    if (list.scrollTop < bottom) { list.scrollTop = Math.min(bottom, anchor.offsetTop); }
  }

  function select(i) {
    var options = list.querySelectorAll("[role=option]");
    if (options.length === 0) { return; }
    if (active >= 0 && options[active]) { options[active].setAttribute("aria-selected", "false"); }
    active = (i + options.length) % options.length;
    var option = options[active];
    option.setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
    if (active + 1 + EXCERPT_AHEAD > EXCERPT_RESULTS) { loadExcerpts(active, active + 1 + EXCERPT_AHEAD); }
  }

  function open() {
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function say(message) {
    // Replace the text so the live region announces it even when it is the same as before.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  /* ---- Searching as the reader types ---- */

  function search() {
    var query = input.value.trim();
    var mine = ++generation;
    var tokens = tokenize(query);
    if (tokens.length === 0) {
      close();
      list.textContent = "";
      status.textContent = "";
      return;
    }
    loadIndex().then(function () {
      var keys = [];
      tokens.forEach(function (t) {
        var key = shardKey(t);
        if (index.shards[key] && keys.indexOf(index.shards[key]) < 0) { keys.push(index.shards[key]); }
      });
      return Promise.all(keys.map(load));
    }).then(function () {
      if (mine !== generation) { return null; }
      var found = rank(tokens);
      var files = excerptFiles(found, 0, EXCERPT_RESULTS);
      if (files.length === 0 || !(lastLoadMs < FAST_LOAD_MS)) { return found; }
      return Promise.race([
        Promise.all(files.map(function (file) { return load(file).catch(function () {}); })),
        new Promise(function (resolve) { window.setTimeout(resolve, EXCERPT_WAIT_MS); })
      ]).then(function () { return found; });
    }).then(function (found) {
      if (found && mine === generation) { render(found, tokens, query); }
    }).catch(function () {
      if (mine === generation) { say("Search is not available on this copy of the course."); }
    });
  }

  /* ---- Wiring ---- */

  function typingInField(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function openPanel() {
    box.classList.add("open");
    if (toggle) { toggle.setAttribute("aria-expanded", "true"); }
    input.focus();
  }

  function closePanel(returnFocus) {
    close();
    var wasOpen = box.classList.contains("open");
    box.classList.remove("open");
    if (toggle) { toggle.setAttribute("aria-expanded", "false"); }
    if (returnFocus && wasOpen && toggle && toggle.offsetParent !== null) { toggle.focus(); }
  }

  function setUp() {
    box = document.querySelector(".search");
    if (!box) { return; }
    base = box.getAttribute("data-root") || "";
    input = box.querySelector(".search-input");
    list = box.querySelector(".search-results");
    status = box.querySelector(".search-status");
    toggle = box.querySelector(".search-toggle");
    if (!input || !list || !status) { return; }
    box.hidden = false;

    var timer = 0;
    input.addEventListener("focus", function () {
      loadIndex().catch(function () { say("Search is not available on this copy of the course."); });
      if (list.childNodes.length > 0 && input.value.trim()) { open(); }
    });
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 80);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (list.hidden && results.length > 0) { open(); }
        select(active < 0 && event.key === "ArrowUp" ? -1 : active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        var options = list.querySelectorAll("[role=option]");
        var chosen = options[active >= 0 ? active : 0];
        if (chosen && !list.hidden) {
          event.preventDefault();
          closePanel(false);
          window.location.href = chosen.href;
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (!list.hidden) { close(); } else { closePanel(true); }
      }
    });
    // Results close when the focus leaves the search.
    box.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !box.contains(event.relatedTarget)) {
        window.setTimeout(function () {
          if (!box.contains(document.activeElement)) { closePanel(false); }
        }, 0);
      }
    });
    // Following a result (perhaps to a section of this very page) closes the results.
    list.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) { closePanel(false); }
    });
    if (toggle) {
      toggle.addEventListener("click", function () {
        if (box.classList.contains("open")) { closePanel(true); } else { openPanel(); }
      });
    }
    // "/" anywhere but in a field goes to the search.
    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) { return; }
      if (document.querySelector("dialog[open]")) { return; }
      event.preventDefault();
      openPanel();
    });
  }

  /* ---- The words searched for, marked on the page landed on ---- */

  var MAX_MARKS = 500;

  function markLanding() {
    var query = null;
    try { query = new URLSearchParams(window.location.search).get("highlight"); } catch (e) { return; }
    var tokens = query ? tokenize(query) : [];
    var root = document.querySelector("main .prose") || document.querySelector("main");
    if (tokens.length === 0 || !root) { return; }
    var match = marked(tokens);
    var nodes = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("script, style, svg, mark, button")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) { nodes.push(node); }
    var marks = 0;
    var words = /[\p{L}\p{N}]+/gu;
    nodes.forEach(function (text) {
      if (marks >= MAX_MARKS) { return; }
      var value = text.nodeValue, at = 0, m, parts = null;
      words.lastIndex = 0;
      while ((m = words.exec(value)) !== null && marks < MAX_MARKS) {
        if (!isMarked(m[0], match)) { continue; }
        parts = parts || document.createDocumentFragment();
        parts.appendChild(document.createTextNode(value.slice(at, m.index)));
        var mark = document.createElement("mark");
        mark.className = "search-hit";
        mark.textContent = m[0];
        parts.appendChild(mark);
        at = m.index + m[0].length;
        marks++;
      }
      if (parts) {
        parts.appendChild(document.createTextNode(value.slice(at)));
        text.parentNode.replaceChild(parts, text);
      }
    });
    // Escape, outside a field and a dialog, takes the marks away.
    document.addEventListener("keydown", function unmark(event) {
      if (event.key !== "Escape" || typingInField(event.target) || document.querySelector("dialog[open]")) { return; }
      Array.prototype.forEach.call(document.querySelectorAll("mark.search-hit"), function (mark) {
        var parent = mark.parentNode;
        parent.replaceChild(document.createTextNode(mark.textContent), mark);
        parent.normalize();
      });
      document.removeEventListener("keydown", unmark);
    });
  }

  function start() {
    setUp();
    markLanding();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
