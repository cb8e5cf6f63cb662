/* Calculators, simulators, runnable examples and diagram details (```calculator, ```simulator
   and ```js run fences, %% details lines in ```mermaid). Loaded only by pages that have one.

   A calculator carries its checked formulas as JSON trees in data-calc: a number
   is a number, a string an input's name, an array [operator, operands...]. They are evaluated
   here, never compiled into code, with the same rules as the build (formula/eval.rs), so the
   values the page was built with and the values shown after a change agree.

   A runnable example runs in a fresh <iframe sandbox="allow-scripts"> (an opaque origin: no
   access to this page, its storage or cookies), inside a worker when the browser allows one so
   that an endless loop cannot freeze the page. What it writes to the console and its uncaught
   errors come back by postMessage and are shown as text; the frame is removed after
   RUN_LIMIT_MS. */
(function () {
  "use strict";

  function truth(b) { return b ? 1 : 0; }
  function jsRound(x) { return Math.floor(x + 0.5); }

  var BINARY = {
    "+": function (a, b) { return a + b; },
    "-": function (a, b) { return a - b; },
    "*": function (a, b) { return a * b; },
    "/": function (a, b) { return a / b; },
    "%": function (a, b) { return a % b; },
    "^": function (a, b) { return Math.pow(a, b); },
    "<": function (a, b) { return truth(a < b); },
    "<=": function (a, b) { return truth(a <= b); },
    ">": function (a, b) { return truth(a > b); },
    ">=": function (a, b) { return truth(a >= b); },
    "==": function (a, b) { return truth(a === b); },
    "!=": function (a, b) { return truth(a !== b); },
    "&&": function (a, b) { return truth(a !== 0 && b !== 0); },
    "||": function (a, b) { return truth(a !== 0 || b !== 0); }
  };

  var CALLS = {
    min: function (v) { return Math.min.apply(null, v); },
    max: function (v) { return Math.max.apply(null, v); },
    log: function (v) { return Math.log10(v[0]); },
    log2: function (v) { return Math.log2(v[0]); },
    ln: function (v) { return Math.log(v[0]); },
    exp: function (v) { return Math.exp(v[0]); },
    sqrt: function (v) { return Math.sqrt(v[0]); },
    abs: function (v) { return Math.abs(v[0]); },
    floor: function (v) { return Math.floor(v[0]); },
    ceil: function (v) { return Math.ceil(v[0]); },
    round: function (v) {
      if (v.length < 2) { return jsRound(v[0]); }
      var scale = Math.pow(10, Math.trunc(v[1]));
      return jsRound(v[0] * scale) / scale;
    },
    clamp: function (v) {
      if (isNaN(v[0]) || isNaN(v[1]) || isNaN(v[2])) { return NaN; }
      return Math.min(Math.max(v[0], v[1]), v[2]);
    },
    "if": function (v) { return v[0] !== 0 ? v[1] : v[2]; }
  };

  var CONSTANTS = new Map([["pi", Math.PI], ["e", Math.E]]);

  function evaluate(node, env) {
    if (typeof node === "number") { return node; }
    if (typeof node === "string") {
      if (env.has(node)) { return env.get(node); }
      return CONSTANTS.has(node) ? CONSTANTS.get(node) : NaN;
    }
    if (!Array.isArray(node) || node.length === 0) { return NaN; }
    var op = node[0];
    if (op === "neg") { return -evaluate(node[1], env); }
    if (op === "!") { return truth(evaluate(node[1], env) === 0); }
    if (Object.prototype.hasOwnProperty.call(BINARY, op)) {
      return BINARY[op](evaluate(node[1], env), evaluate(node[2], env));
    }
    if (Object.prototype.hasOwnProperty.call(CALLS, op)) {
      var args = [];
      for (var i = 1; i < node.length; i++) { args.push(evaluate(node[i], env)); }
      return CALLS[op](args);
    }
    return NaN;
  }

  function autoPlaces(x) {
    var a = Math.abs(x);
    if (a >= 100) { return 0; }
    if (a >= 10) { return 1; }
    if (a >= 1) { return 2; }
    if (a >= 0.01) { return 4; }
    return 6;
  }

  /* The same text as formula::display. */
  function display(x, decimals) {
    if (!isFinite(x)) { return "\u2014"; }
    if (Math.abs(x) >= 1e15) { return x.toExponential(3).replace("e+", "e"); }
    var places = decimals === null || decimals === undefined ? autoPlaces(x) : Math.min(decimals, 10);
    var scale = Math.pow(10, places);
    var rounded = jsRound(x * scale) / scale;
    if (rounded === 0) { rounded = 0; }
    var text = rounded.toFixed(places);
    if ((decimals === null || decimals === undefined) && text.indexOf(".") >= 0) {
      text = text.replace(/0+$/, "").replace(/\.$/, "");
    }
    var sign = text.charAt(0) === "-" ? "-" : "";
    if (sign) { text = text.slice(1); }
    var parts = text.split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return sign + parts.join(".");
  }

  var PLOT_W = 600;
  var PLOT_H = 200;

  function bounds(runs) {
    var lo = 0;
    var hi = 0;
    runs.forEach(function (run) {
      run.forEach(function (v) {
        if (isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      });
    });
    return hi - lo > 0 ? [lo, hi] : [lo, lo + 1];
  }

  function points(run, lo, hi) {
    var last = Math.max(run.length - 1, 1);
    var out = [];
    run.forEach(function (v, i) {
      if (!isFinite(v)) { return; }
      var x = run.length === 1 ? PLOT_W / 2 : i / last * PLOT_W;
      var y = PLOT_H - (v - lo) / (hi - lo) * PLOT_H;
      out.push(x.toFixed(1) + "," + y.toFixed(1));
    });
    return out.join(" ");
  }

  function setUp(block) {
    var spec;
    try { spec = JSON.parse(block.getAttribute("data-calc")); } catch (e) { return; }
    var fields = Array.prototype.slice.call(block.querySelectorAll("[data-name]"));
    var outputs = block.querySelectorAll(".calc-outputs output .calc-value");

    function env() {
      var values = new Map();
      fields.forEach(function (field) {
        if (field.type === "range") { return; }
        values.set(field.getAttribute("data-name"), parseFloat(field.value));
      });
      return values;
    }

    function update() {
      var values = env();
      var results;
      if (spec.kind === "simulator") {
        var runs = spec.outputs.map(function (out) {
          var scope = new Map(values);
          var prev = evaluate(out.i, scope);
          var run = [];
          for (var step = 1; step <= spec.steps; step++) {
            scope.set("step", step);
            scope.set("prev", prev);
            prev = evaluate(out.f, scope);
            run.push(prev);
          }
          return run;
        });
        var range = bounds(runs);
        block.querySelectorAll(".sim-line").forEach(function (line, i) {
          if (runs[i]) { line.setAttribute("points", points(runs[i], range[0], range[1])); }
        });
        var max = block.querySelector(".sim-y-max");
        var min = block.querySelector(".sim-y-min");
        if (max) { max.textContent = display(range[1], null); }
        if (min) { min.textContent = display(range[0], null); }
        results = runs.map(function (run) { return run.length ? run[run.length - 1] : NaN; });
      } else {
        results = spec.outputs.map(function (out) { return evaluate(out.f, values); });
      }
      results.forEach(function (value, i) {
        if (!outputs[i]) { return; }
        var text = display(value, spec.outputs[i].d);
        if (outputs[i].textContent !== text) { outputs[i].textContent = text; }
      });
    }

    fields.forEach(function (field) {
      var name = field.getAttribute("data-name");
      var partner = fields.filter(function (f) {
        return f !== field && f.getAttribute("data-name") === name;
      })[0];
      field.addEventListener("input", function () {
        var v = parseFloat(field.value);
        if (field.type === "number") {
          var min = parseFloat(field.min);
          var max = parseFloat(field.max);
          if (isNaN(v) || v < min || v > max) {
            field.setAttribute("aria-invalid", "true");
            return;
          }
          field.removeAttribute("aria-invalid");
        }
        if (partner && !isNaN(v)) { partner.value = field.value; }
        update();
      });
      if (field.type === "number") {
        // Leaving a field with a value outside its range puts the last good value back.
        field.addEventListener("change", function () {
          if (field.getAttribute("aria-invalid") === "true" && partner) {
            field.value = partner.value;
            field.removeAttribute("aria-invalid");
          }
        });
      }
    });
    // A browser may restore form values on back/forward: show what the fields hold.
    update();
  }

  /* ---- Runnable examples ---- */

  var RUN_LIMIT_MS = 5000;
  var RUN_MAX_LINES = 500;
  var LEVELS = { log: 1, info: 1, warn: 1, error: 1, debug: 1, note: 1 };

  /* Runs inside the sandboxed frame: its source is copied into the frame's srcdoc. It waits
     for the code from the page, then runs it in a worker (or, where a sandboxed frame may not
     start one, in the frame itself) with the console captured. */
  function sandboxMain() {
    function show(v) {
      if (typeof v === "string") { return v; }
      if (v instanceof Error) { return v.name + ": " + v.message; }
      if (v === undefined || typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") {
        return String(v);
      }
      try {
        var json = JSON.stringify(v);
        return json === undefined ? String(v) : json;
      } catch (e) {
        return String(v);
      }
    }
    function capture(post) {
      ["log", "info", "warn", "error", "debug"].forEach(function (level) {
        console[level] = function () {
          post(level, Array.prototype.map.call(arguments, show).join(" "));
        };
      });
      self.addEventListener("error", function (event) {
        event.preventDefault();
        post("error", "Uncaught " + (event.error !== undefined && event.error !== null ? show(event.error) : event.message));
        post("done");
      });
      self.addEventListener("unhandledrejection", function (event) {
        event.preventDefault();
        post("error", "Uncaught (in promise) " + show(event.reason));
      });
    }
    var token = null;
    function relay(level, text) {
      parent.postMessage({ token: token, level: level, text: text }, "*");
    }
    window.addEventListener("message", function (event) {
      var data = event.data;
      if (event.source !== parent || token !== null || !data || typeof data.code !== "string") { return; }
      token = data.token;
      var source = "var show = " + show + ";\n(" + capture + ")(function (l, t) { postMessage({ level: l, text: t }); });\n" +
        data.code + "\n;postMessage({ level: \"done\" });\n";
      var worker = null;
      try {
        worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
      } catch (e) {
        worker = null;
      }
      if (worker) {
        worker.onmessage = function (m) { relay(m.data.level, m.data.text); };
        worker.onerror = function (e) {
          e.preventDefault();
          relay("error", e.message || "Uncaught error");
          relay("done");
        };
        return;
      }
      // Without a worker an endless loop would hold the page's thread, where the time
      // limit could never stop it: the example is not run.
      relay("error", "This browser cannot run the example in the background, so it is not run here.");
      relay("done");
    });
  }

  var SANDBOX = "<!DOCTYPE html><meta charset=\"utf-8\"><script>(" + sandboxMain + ")();<\/script>";

  function setUpRunnable(block) {
    var button = block.querySelector("button.run");
    var out = block.querySelector(".run-output");
    var blank = block.querySelector("iframe.run-frame");
    var code = block.querySelector("pre code");
    if (!button || !out || !blank || !code) { return; }
    var current = null;

    function line(level, text) {
      var row = document.createElement("div");
      row.className = "run-line run-" + level;
      row.textContent = text;
      out.appendChild(row);
    }
    function stop(note) {
      if (!current) { return; }
      clearTimeout(current.timer);
      current.frame.remove();
      current = null;
      button.textContent = "Run";
      if (note) { line("note", note); }
    }
    function finished() {
      current.done = true;
      button.textContent = "Run";
      if (!out.firstChild) { line("note", "(no output)"); }
    }

    window.addEventListener("message", function (event) {
      if (!current || event.source !== current.frame.contentWindow) { return; }
      var data = event.data;
      if (!data || data.token !== current.token) { return; }
      if (data.level === "done") {
        if (!current.done) { finished(); }
        return;
      }
      if (!Object.prototype.hasOwnProperty.call(LEVELS, data.level)) { return; }
      if (out.childNodes.length >= RUN_MAX_LINES) {
        stop("Stopped: more than " + RUN_MAX_LINES + " lines of output.");
        return;
      }
      line(data.level, String(data.text));
    });

    button.addEventListener("click", function () {
      if (current && !current.done) {
        stop("Stopped.");
        return;
      }
      stop(null);
      out.textContent = "";
      out.hidden = false;
      var frame = blank.cloneNode(false);
      var run = { frame: frame, token: String(Math.random()).slice(2), done: false, timer: 0 };
      run.timer = setTimeout(function () {
        if (current === run) {
          stop(run.done ? null : "Stopped: still running after " + RUN_LIMIT_MS / 1000 + " seconds.");
        }
      }, RUN_LIMIT_MS);
      frame.addEventListener("load", function () {
        if (current === run) {
          frame.contentWindow.postMessage({ token: run.token, code: code.textContent }, "*");
        }
      });
      frame.srcdoc = SANDBOX;
      current = run;
      button.textContent = "Stop";
      block.appendChild(frame);
    });
    button.hidden = false;
  }

  /* ---- Diagram details (%% details NODE: text) ---- */

  /* The list under a diagram shows only the entry of the node last clicked or focused. The
     nodes are looked up by id, not inside the figure, since the full-size viewer moves the
     drawing out of it while open. */
  function setUpDetails(list) {
    var entries = list.querySelectorAll(".node-detail");
    list.classList.add("is-live");
    function show(id) {
      entries.forEach(function (entry) {
        entry.classList.toggle("is-current", entry.id === id);
      });
      list.classList.add("has-current");
    }
    entries.forEach(function (entry) {
      document.querySelectorAll("[data-details=\"" + entry.id + "\"]").forEach(function (node) {
        node.addEventListener("focus", function () { show(entry.id); });
        node.addEventListener("click", function () { show(entry.id); });
        node.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            show(entry.id);
          }
        });
      });
    });
  }

  function start() {
    document.querySelectorAll("[data-calc]").forEach(setUp);
    document.querySelectorAll("[data-block=\"run\"]").forEach(setUpRunnable);
    document.querySelectorAll("[data-block=\"details\"]").forEach(setUpDetails);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
