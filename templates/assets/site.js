/* The site's script: colour scheme (follows the system until the reader chooses, then
   remembers the choice), copy buttons on code blocks, the navigation drawer on narrow screens,
   the back-to-top button, the table of contents that follows the reading position, and
   diagrams (readable widths and a full-size viewer). Loaded in <head> so the scheme is set
   before the first paint; the rest waits for the document. Search is in search.js. */
(function () {
  "use strict";
  var KEY = "episode-theme";
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var chosen = null;
  try { chosen = localStorage.getItem(KEY); } catch (e) { chosen = null; }
  if (chosen !== "light" && chosen !== "dark") { chosen = null; }
  root.classList.add("js");

  /* ---- Colour scheme ---- */

  function system() { return media && media.matches ? "dark" : "light"; }
  function apply(scheme) {
    root.setAttribute("data-theme", scheme);
    var toggle = document.querySelector(".theme-toggle");
    if (toggle) { toggle.setAttribute("aria-pressed", scheme === "dark" ? "true" : "false"); }
  }
  apply(chosen || system());
  if (media && media.addEventListener) {
    media.addEventListener("change", function () { if (!chosen) { apply(system()); } });
  }
  // Paper is white: print in the light palette, then put the reader's scheme back.
  var beforePrint = null;
  window.addEventListener("beforeprint", function () {
    beforePrint = root.getAttribute("data-theme");
    root.setAttribute("data-theme", "light");
  });
  window.addEventListener("afterprint", function () {
    if (beforePrint) { root.setAttribute("data-theme", beforePrint); }
  });

  function setUpThemeToggle() {
    var toggle = document.querySelector(".theme-toggle");
    if (!toggle) { return; }
    toggle.hidden = false;
    apply(root.getAttribute("data-theme") || system());
    toggle.addEventListener("click", function () {
      chosen = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
      try { localStorage.setItem(KEY, chosen); } catch (e) { /* private mode: not remembered */ }
      apply(chosen);
    });
  }

  /* ---- Copy buttons ---- */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function setUpCopyButtons() {
    var buttons = document.querySelectorAll(".codeblock .copy");
    if (!buttons.length) { return; }
    // What the button shows is announced too: a screen reader hears "Copied".
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    document.body.appendChild(status);
    var apple = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
    var copyKey = apple ? "Press \u2318C" : "Press Ctrl+C";
    each(buttons, function (button) {
      button.addEventListener("click", function () {
        var code = button.closest(".codeblock").querySelector("pre code");
        copyText(code ? code.textContent : "").then(
          function () {
            flash(button, "Copied");
            status.textContent = "Code copied to the clipboard";
          },
          function () {
            flash(button, copyKey);
            status.textContent = "The code could not be copied: select it and " + copyKey.toLowerCase();
          }
        );
      });
    });
  }

  /* ---- Code files: printed open (paper cannot unfold them), folded back after ---- */

  function setUpCodeFilePrinting() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      each(".code-file-details:not([open])", function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) { details.open = false; });
      opened = [];
    });
  }

  function flash(button, label) {
    button.textContent = label;
    window.setTimeout(function () { button.textContent = "Copy"; }, 1600);
  }

  /* ---- Accessible names and keyboard access the HTML may lack (older builds) ---- */

  function patchAccessibility() {
    // A task-list checkbox is named by its item's text.
    each(".prose li > input[type=checkbox]", function (box) {
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        box.setAttribute("aria-label", box.parentNode.textContent.trim().slice(0, 120) || "Task");
      }
    });
    // Tables all named "Table" get their column headings as a name.
    each('.prose .table-wrap[aria-label="Table"]', function (wrap, i) {
      var heads = Array.prototype.map.call(wrap.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      wrap.setAttribute("aria-label", "Table " + (i + 1) + (heads.length ? ": " + heads.join(", ") : ""));
    });
    codeTabStops();
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; codeTabStops(); });
    });
    // A diagram's source opens inside <details>: measure it once shown.
    document.addEventListener("toggle", codeTabStops, true);
  }

  // A code block takes a Tab stop while it scrolls sideways, so arrow keys scroll it, and
  // not otherwise: the HTML gives every block one, for pages read without this script.
  function codeTabStops() {
    each(".codeblock pre, .diagram pre", function (pre) {
      if (pre === document.activeElement) { return; }
      if (pre.scrollWidth > pre.clientWidth + 1) {
        pre.setAttribute("tabindex", "0");
      } else {
        pre.removeAttribute("tabindex");
      }
    });
  }

  /* ---- Navigation drawer (narrow screens) ---- */

  var NARROW = window.matchMedia ? window.matchMedia("(max-width: 860px)") : null;

  function focusable(container) {
    return Array.prototype.filter.call(
      container.querySelectorAll("a[href], button:not([disabled]), input, [tabindex]:not([tabindex='-1'])"),
      function (el) { return el.offsetParent !== null || el === document.activeElement; }
    );
  }

  function setUpDrawer() {
    var sidebar = document.getElementById("sidebar");
    var button = document.querySelector(".menu-toggle");
    if (!sidebar || !button) { return; }
    var close = sidebar.querySelector(".drawer-close");
    var backdrop = document.createElement("div");
    backdrop.className = "drawer-backdrop";
    document.body.appendChild(backdrop);
    button.hidden = false;
    if (close) { close.hidden = false; }

    function isOpen() { return root.classList.contains("drawer-open"); }
    // What the open drawer covers, made inert: the skip link, the header, the footer and
    // the layout's other children. The drawer's close button, the backdrop and Escape
    // shut it.
    function behind() {
      var els = [];
      each(document.body.children, function (el) {
        if (!el.contains(sidebar) && el !== backdrop) { els.push(el); }
      });
      each(sidebar.parentNode.children, function (el) {
        if (el !== sidebar) { els.push(el); }
      });
      return els;
    }
    function open() {
      root.classList.add("drawer-open");
      button.setAttribute("aria-expanded", "true");
      // Modal without a dialog role, which a <nav> may not take: the rest of the page is
      // inert while the drawer is open.
      behind().forEach(function (el) { el.inert = true; });
      var current = sidebar.querySelector("[aria-current=page]");
      if (current) { current.scrollIntoView({ block: "center" }); }
      (close || focusable(sidebar)[0] || sidebar).focus();
    }
    function shut(returnFocus) {
      if (!isOpen()) { return; }
      root.classList.remove("drawer-open");
      button.setAttribute("aria-expanded", "false");
      behind().forEach(function (el) { el.inert = false; });
      if (returnFocus) { button.focus(); }
    }
    button.addEventListener("click", function () { if (isOpen()) { shut(true); } else { open(); } });
    if (close) { close.addEventListener("click", function () { shut(true); }); }
    backdrop.addEventListener("click", function () { shut(true); });
    document.addEventListener("keydown", function (event) {
      if (!isOpen()) { return; }
      if (event.key === "Escape") {
        event.preventDefault();
        shut(true);
      } else if (event.key === "Tab") {
        // Keep the focus inside the drawer while it is open.
        var items = focusable(sidebar);
        if (items.length === 0) { return; }
        var first = items[0], last = items[items.length - 1];
        if (event.shiftKey && (document.activeElement === first || !sidebar.contains(document.activeElement))) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && (document.activeElement === last || !sidebar.contains(document.activeElement))) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    // A link inside the drawer to this page's own section closes the drawer.
    sidebar.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a")) { shut(false); }
    });
    if (NARROW && NARROW.addEventListener) {
      NARROW.addEventListener("change", function () { if (!NARROW.matches) { shut(false); } });
    }
  }

  /* ---- Back to top (long pages) ---- */

  function setUpBackToTop() {
    var button = document.querySelector(".back-to-top");
    if (!button) { return; }
    var ticking = false;
    function update() {
      ticking = false;
      var long = document.documentElement.scrollHeight > window.innerHeight * 3;
      button.hidden = !(long && window.scrollY > window.innerHeight * 1.5);
    }
    window.addEventListener("scroll", function () {
      if (!ticking) { ticking = true; window.requestAnimationFrame(update); }
    }, { passive: true });
    button.addEventListener("click", function () {
      var main = document.getElementById("content");
      window.scrollTo({ top: 0 });
      if (main) { main.focus({ preventScroll: true }); }
    });
    update();
  }

  /* ---- Table of contents that follows the reading position ---- */

  function setUpScrollSpy() {
    var links = document.querySelectorAll(".toc-list a[href^='#']");
    if (links.length === 0 || !("IntersectionObserver" in window)) { return; }
    var byId = {};
    var headings = [];
    each(links, function (link) {
      var id = decodeURIComponent(link.hash.slice(1));
      var heading = document.getElementById(id);
      if (!heading) { return; }
      if (!byId[id]) { byId[id] = []; headings.push(heading); }
      byId[id].push(link);
    });
    var aside = document.querySelector("aside.toc");
    var current = null;
    function mark() {
      // The current section is the last heading above a line a quarter down the window.
      var line = Math.max(parseFloat(getComputedStyle(root).scrollPaddingTop) || 0, window.innerHeight * 0.25);
      var found = null;
      for (var i = 0; i < headings.length; i++) {
        if (headings[i].getBoundingClientRect().top <= line + 8) { found = headings[i]; } else { break; }
      }
      // At the very end of the page the last sections cannot reach the line: the last one
      // in view is the current one, unless the reader just jumped to a section at the top.
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      var jumped = target && byId[target.id] && Math.abs(target.getBoundingClientRect().top - line) < line;
      if (jumped) {
        found = target;
      } else if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        for (var j = headings.length - 1; j >= 0; j--) {
          if (headings[j].getBoundingClientRect().top < window.innerHeight) { found = headings[j]; break; }
        }
      }
      if (found === current) { return; }
      if (current) { byId[current.id].forEach(function (a) { a.removeAttribute("aria-current"); }); }
      current = found;
      if (!current) { return; }
      byId[current.id].forEach(function (a) { a.setAttribute("aria-current", "true"); });
      // Keep the marked entry visible inside the sticky table of contents.
      var link = aside && aside.querySelector("a[aria-current]");
      if (link) {
        var top = link.offsetTop - aside.offsetTop, bottom = top + link.offsetHeight;
        if (top < aside.scrollTop + 40 || bottom > aside.scrollTop + aside.clientHeight - 40) {
          aside.scrollTop = top - aside.clientHeight / 3;
        }
      }
    }
    var observer = new IntersectionObserver(mark, { rootMargin: "0px 0px -75% 0px", threshold: [0, 1] });
    headings.forEach(function (h) { observer.observe(h); });
    var footer = document.querySelector(".site-footer");
    if (footer) { new IntersectionObserver(mark, { threshold: [0, 1] }).observe(footer); }
    mark();
  }

  /* ---- Diagrams: readable width, keyboard scrolling, full-size viewer ---- */

  var MIN_LABEL_PX = 12;

  // The frame keeps the drawing between its natural width and the width at which its smallest
  // label is 12px. The build writes both on the frame from the SVG markup, where it cannot tell
  // which font sizes are really drawn (styles for elements a diagram does not have): the
  // readable width is measured again here, on the labels as drawn.
  function measureDiagram(frame, svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var natural = box && box.width ? box.width : parseFloat(svg.style.maxWidth) || 0;
    if (!natural) { return; }
    if (!frame.style.getPropertyValue("--diagram-width")) {
      frame.style.setProperty("--diagram-width", natural.toFixed(1) + "px");
    }
    var smallest = smallestFont(svg);
    if (!isFinite(smallest) && frame.style.getPropertyValue("--diagram-min-width")) { return; }
    if (!isFinite(smallest)) { smallest = 16; }
    frame.style.setProperty("--diagram-min-width", Math.ceil(natural * MIN_LABEL_PX / smallest) + "px");
  }

  // The smallest font size of the drawing's visible texts, in the drawing's own units.
  function smallestFont(svg) {
    var smallest = Infinity;
    var texts = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (var node = texts.nextNode(); node; node = texts.nextNode()) {
      var element = node.parentElement;
      if (!node.data.trim() || element.closest("title, desc, style, defs, marker")) { continue; }
      if (element.getClientRects().length === 0) { continue; }
      var style = getComputedStyle(element);
      var size = parseFloat(style.fontSize);
      if (style.visibility === "visible" && size > 0 && size < smallest) { smallest = size; }
    }
    return smallest;
  }

  // A frame narrower than its drawing shows the drawing's left edge first, where a top-down
  // flowchart often has nothing but empty space: bring the start of its first arrow (the
  // first link the author wrote) into view instead.
  function revealStart(frame, svg) {
    if (frame.scrollWidth <= frame.clientWidth + 1) { return; }
    var link = svg.querySelector("path.flowchart-link");
    var matrix = link && link.getScreenCTM && link.getScreenCTM();
    if (!matrix) { return; }
    var point = link.getPointAtLength(0);
    var x = matrix.a * point.x + matrix.c * point.y + matrix.e;
    var view = frame.getBoundingClientRect();
    if (x >= view.left + 24 && x <= view.right - 24) { return; }
    frame.scrollLeft += x - (view.left + view.width / 2);
  }

  // A frame that scrolls sideways takes the keyboard focus, so arrow keys scroll it.
  function scrollable(frame) {
    var scrolls = frame.scrollWidth > frame.clientWidth + 1;
    if (scrolls && !frame.hasAttribute("tabindex")) {
      frame.setAttribute("tabindex", "0");
      frame.setAttribute("data-scroll-focus", "");
    } else if (!scrolls && frame.hasAttribute("data-scroll-focus")) {
      frame.removeAttribute("tabindex");
      frame.removeAttribute("data-scroll-focus");
    }
  }

  function setUpDiagrams() {
    var frames = document.querySelectorAll(".diagram-svg");
    if (frames.length === 0) { return; }
    var viewer = null;
    each(frames, function (frame) {
      var svg = frame.querySelector(":scope > svg");
      if (!svg) { return; }
      measureDiagram(frame, svg);
      var title = svg.querySelector("title");
      var name = title ? title.textContent.trim() : "Diagram";
      if (!frame.hasAttribute("role")) {
        frame.setAttribute("role", "group");
        frame.setAttribute("aria-label", name);
      }
      scrollable(frame);
      revealStart(frame, svg);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "diagram-expand";
      button.innerHTML = '<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>';
      button.appendChild(document.createTextNode("Full size"));
      button.setAttribute("aria-label", "Full size: " + name);
      frame.parentNode.insertBefore(button, frame);
      button.addEventListener("click", function () {
        viewer = viewer || createViewer();
        viewer.show(frame, svg, name, button);
      });
    });
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; each(frames, scrollable); });
    });
  }

  // One <dialog> for every diagram: the diagram moves into it while open (no copy, so no
  // duplicate ids), whole (at its natural size when that fits), and back to its frame on close.
  function createViewer() {
    var dialog = document.createElement("dialog");
    dialog.className = "diagram-viewer";
    dialog.setAttribute("aria-labelledby", "diagram-viewer-title");
    dialog.innerHTML =
      '<div class="viewer-bar"><h2 class="viewer-title" id="diagram-viewer-title"></h2>' +
      '<button type="button" data-act="out" aria-label="Zoom out">−</button>' +
      '<span class="viewer-zoom" aria-live="polite"></span>' +
      '<button type="button" data-act="in" aria-label="Zoom in">+</button>' +
      '<button type="button" data-act="fit">Fit</button>' +
      '<button type="button" data-act="one">1:1</button>' +
      '<button type="button" data-act="close">Close</button></div>' +
      '<div class="viewer-stage" tabindex="0" role="group" aria-roledescription="zoomable diagram" aria-label="Diagram; arrow keys pan, plus and minus zoom"></div>' +
      '<p class="viewer-help">Drag or use the arrow keys to move; wheel, pinch or + and − to zoom; 0 for natural size; Esc to close.</p>';
    document.body.appendChild(dialog);
    var stage = dialog.querySelector(".viewer-stage");
    var zoomLabel = dialog.querySelector(".viewer-zoom");
    var state = { frame: null, svg: null, opener: null, width: 0, height: 0, x: 0, y: 0, scale: 1 };

    function render() {
      state.svg.style.transform = "translate(" + state.x + "px," + state.y + "px) scale(" + state.scale + ")";
      zoomLabel.textContent = Math.round(state.scale * 100) + "%";
    }
    // Zoom by a factor around a point of the stage (its centre by default).
    function zoom(factor, px, py) {
      var next = Math.min(8, Math.max(0.1, state.scale * factor));
      if (px === undefined) { px = stage.clientWidth / 2; py = stage.clientHeight / 2; }
      state.x = px - (px - state.x) * next / state.scale;
      state.y = py - (py - state.y) * next / state.scale;
      state.scale = next;
      render();
    }
    function place(scale) {
      state.scale = scale;
      var w = state.width * scale, h = state.height * scale;
      state.x = w < stage.clientWidth ? (stage.clientWidth - w) / 2 : 16;
      state.y = h < stage.clientHeight ? (stage.clientHeight - h) / 2 : 16;
      render();
    }
    function fit() {
      place(Math.min((stage.clientWidth - 32) / state.width, (stage.clientHeight - 32) / state.height));
    }
    function pan(dx, dy) { state.x += dx; state.y += dy; render(); }

    dialog.addEventListener("click", function (event) {
      var act = event.target.closest && event.target.closest("button[data-act]");
      if (!act) { return; }
      var what = act.getAttribute("data-act");
      if (what === "in") { zoom(1.25); } else if (what === "out") { zoom(0.8); }
      else if (what === "fit") { fit(); } else if (what === "one") { place(1); }
      else if (what === "close") { dialog.close(); }
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.target.tagName === "BUTTON" && (event.key === "Enter" || event.key === " ")) { return; }
      var step = event.shiftKey ? 200 : 50;
      var keys = {
        ArrowLeft: function () { pan(step, 0); }, ArrowRight: function () { pan(-step, 0); },
        ArrowUp: function () { pan(0, step); }, ArrowDown: function () { pan(0, -step); },
        "+": function () { zoom(1.25); }, "=": function () { zoom(1.25); },
        "-": function () { zoom(0.8); }, "0": function () { place(1); }
      };
      if (keys[event.key] && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        keys[event.key]();
      }
    });
    stage.addEventListener("wheel", function (event) {
      event.preventDefault();
      var r = stage.getBoundingClientRect();
      zoom(Math.exp(-event.deltaY * 0.0015), event.clientX - r.left, event.clientY - r.top);
    }, { passive: false });
    // Drag with one pointer, pinch with two.
    var pointers = {};
    var pinch = null;
    stage.addEventListener("pointerdown", function (event) {
      stage.setPointerCapture(event.pointerId);
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
      pinch = null;
    });
    stage.addEventListener("pointermove", function (event) {
      var last = pointers[event.pointerId];
      if (!last) { return; }
      var ids = Object.keys(pointers);
      if (ids.length === 1) {
        pan(event.clientX - last.x, event.clientY - last.y);
      } else if (ids.length === 2) {
        var other = pointers[ids[0] == event.pointerId ? ids[1] : ids[0]];
        var distance = Math.hypot(event.clientX - other.x, event.clientY - other.y);
        var r = stage.getBoundingClientRect();
        if (pinch) { zoom(distance / pinch, (event.clientX + other.x) / 2 - r.left, (event.clientY + other.y) / 2 - r.top); }
        pinch = distance;
      }
      pointers[event.pointerId] = { x: event.clientX, y: event.clientY };
    });
    function lift(event) { delete pointers[event.pointerId]; pinch = null; }
    stage.addEventListener("pointerup", lift);
    stage.addEventListener("pointercancel", lift);

    dialog.addEventListener("close", function () {
      if (!state.svg) { return; }
      state.svg.style.transform = "";
      state.svg.style.width = "";
      state.frame.appendChild(state.svg);
      state.frame.classList.remove("is-away");
      state.frame.style.height = "";
      var away = state.frame.querySelector(".diagram-away");
      if (away) { away.remove(); }
      var opener = state.opener;
      state.svg = null;
      if (opener) { opener.focus(); }
    });

    return {
      show: function (frame, svg, name, opener) {
        var box = svg.viewBox && svg.viewBox.baseVal;
        state.width = box && box.width ? box.width : svg.getBoundingClientRect().width;
        state.height = box && box.height ? box.height : svg.getBoundingClientRect().height;
        state.frame = frame;
        state.svg = svg;
        state.opener = opener;
        // Hold the frame's place while its diagram is in the viewer.
        frame.style.height = frame.offsetHeight + "px";
        frame.classList.add("is-away");
        var away = document.createElement("p");
        away.className = "diagram-away";
        away.textContent = "Shown full size";
        frame.appendChild(away);
        dialog.querySelector(".viewer-title").textContent = name;
        svg.style.width = state.width + "px";
        stage.appendChild(svg);
        dialog.showModal();
        // Natural size when it fits; a larger diagram opens whole, to be zoomed into.
        if (state.width > stage.clientWidth - 32 || state.height > stage.clientHeight - 32) {
          fit();
        } else {
          place(1);
        }
        stage.focus();
      }
    };
  }

  /* ---- Start ---- */

  function each(list, fn) {
    if (typeof list === "string") { list = document.querySelectorAll(list); }
    Array.prototype.forEach.call(list, fn);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpThemeToggle();
    setUpCopyButtons();
    setUpCodeFilePrinting();
    setUpDrawer();
    setUpBackToTop();
    setUpScrollSpy();
    setUpDiagrams();
    patchAccessibility();
  });
})();
