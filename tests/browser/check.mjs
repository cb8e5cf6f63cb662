// Loads pages of a built site in headless Chromium from file:// and fails on console errors,
// uncaught exceptions, failed or external requests, or missing content; drives a calculator's
// slider and a simulator, runs a JavaScript example, follows a diagram node's link and opens a
// node's details by keyboard. Optionally takes
// screenshots at desktop and phone widths in light and dark mode.
//
// Usage: node tests/browser/check.mjs <site-dir> [--screenshots <dir>] [--chromium <path>]
//        node tests/browser/check.mjs <site-dir> --diagrams-only
//        node tests/browser/check.mjs <site-dir> --audit-only
//
// --diagrams-only runs only the diagram checks (drawing, frame sizes, label sizes) on every
// page of any course that has a drawn diagram; the Rust test runs it on the wide-diagrams fixture.
//
// Talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), so it
// needs nothing but Node and Chromium.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const site = resolve(args[0] ?? "site");
const shots = option("--screenshots");
const chromiumPath = option("--chromium") ?? process.env.CHROMIUM ?? "chromium";
// --audit-only: run only the accessibility audit, on every page of the site (any course).
const auditOnly = args.includes("--audit-only");
// --diagrams-only: run only the diagram checks, on every page with a drawn diagram (any course).
const diagramsOnly = args.includes("--diagrams-only");

/** Which pages to load and what each must contain. */
const PAGES = [
  {
    path: "index.html",
    checks: {
      "a title": "document.title.length > 0",
      "two or more series": "document.querySelectorAll('.series-block').length >= 2",
      "six or more episode links": "document.querySelectorAll('.episode-link').length >= 6",
    },
  },
  {
    path: "course-engineering/episode-02-metrics-readers-trust.html",
    checks: {
      "a title": "document.querySelector('.episode-card h1')?.textContent.trim().length > 0",
      "a table of contents": "document.querySelectorAll('.toc-list a').length >= 3",
      "toc links that lead to headings": "[...document.querySelectorAll('.toc-list a')].every(a => document.getElementById(decodeURIComponent(a.hash.slice(1))))",
      "a highlighted code block": "document.querySelector('.codeblock pre code span[class^=\"hl-\"]') !== null",
      "a language label": "document.querySelector('.codeblock .code-lang') !== null",
      "a metric card": "document.querySelector('.metric .metric-value') !== null",
      "a diagram block": "document.querySelector('figure.diagram') !== null",
      "a diagram drawn as inline SVG": "document.querySelector('figure.diagram .diagram-svg > svg[role=img]') !== null",
      "a show-source toggle beside each diagram": "[...document.querySelectorAll('.diagram-svg')].every(d => d.nextElementSibling?.matches('details.diagram-code'))",
      "the stylesheet applied": "getComputedStyle(document.querySelector('.episode-card')).borderTopStyle === 'solid'",
      "the script ran": "document.documentElement.hasAttribute('data-theme') && !document.querySelector('.theme-toggle').hidden",
      "prev or next links": "document.querySelector('.pager a') !== null",
      "a sidebar with the current page": "document.querySelector('.sidebar a[aria-current=\"page\"]') !== null",
    },
  },
  {
    path: "systems-in-production/index.html",
    checks: { "episode links": "document.querySelectorAll('.episode-link').length >= 3" },
  },
];

// 404.html is checked on its own (checkNotFoundPage): a server shows it at any depth, so it
// carries its stylesheet and script inline and links from the site's path, which its inline
// script makes relative again on file://.

const VIEWPORTS = [
  { name: "desktop", width: 1366, height: 900, mobile: false },
  { name: "phone", width: 390, height: 844, mobile: true },
];

class Browser {
  constructor(path) {
    this.profile = mkdtempSync(join(tmpdir(), "episode-chromium-"));
    this.proc = spawn(path, [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
      "--allow-file-access-from-files", "--remote-debugging-pipe", `--user-data-dir=${this.profile}`,
      "about:blank",
    ], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
    this.stderr = "";
    this.proc.stderr.on("data", (d) => { this.stderr += d; });
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    let buffer = Buffer.alloc(0);
    this.proc.stdio[4].on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let end;
      while ((end = buffer.indexOf(0)) >= 0) {
        const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
        buffer = buffer.subarray(end + 1);
        this.dispatch(message);
      }
    });
    this.exited = new Promise((resolve) => this.proc.on("exit", resolve));
  }

  dispatch(message) {
    if (message.id && this.pending.has(message.id)) {
      const { resolve, reject } = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) reject(new Error(`${message.error.message} (${message.error.data ?? ""})`));
      else resolve(message.result);
    } else if (message.method) {
      for (const listener of this.listeners) listener(message);
    }
  }

  send(method, params = {}, sessionId) {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, sessionId });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.proc.stdio[3].write(message + "\0");
    });
  }

  waitFor(method, sessionId, timeout = 15000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeout);
      const listener = (m) => {
        if (m.method === method && m.sessionId === sessionId) {
          clearTimeout(timer);
          this.listeners = this.listeners.filter((l) => l !== listener);
          resolve(m.params);
        }
      };
      this.listeners.push(listener);
    });
  }

  async close() {
    try { await this.send("Browser.close"); } catch { /* already gone */ }
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 3000))]);
    this.proc.kill();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

async function openTab(browser, problems) {
  const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
  const s = (method, params) => browser.send(method, params, sessionId);
  const requested = new Map();
  browser.listeners.push((m) => {
    if (m.sessionId !== sessionId) return;
    const p = m.params;
    if (m.method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert")) {
      problems.push(`console ${p.type}: ${p.args.map((a) => a.value ?? a.description).join(" ")}`);
    } else if (m.method === "Runtime.exceptionThrown") {
      problems.push(`uncaught exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`);
    } else if (m.method === "Log.entryAdded" && p.entry.level === "error") {
      problems.push(`browser error: ${p.entry.text} ${p.entry.url ?? ""}`);
    } else if (m.method === "Network.requestWillBeSent") {
      const url = p.request.url;
      requested.set(p.requestId, url);
      if (!url.startsWith("file:") && !url.startsWith("data:") && url !== "about:blank") {
        problems.push(`external request: ${url}`);
      }
    } else if (m.method === "Network.loadingFailed") {
      problems.push(`failed request: ${p.errorText} ${p.type} ${requested.get(p.requestId) ?? ""}`);
    }
  });
  await s("Page.enable");
  await s("Runtime.enable");
  await s("Log.enable");
  await s("Network.enable");
  return { sessionId, s };
}

async function load(browser, tab, url) {
  const loaded = browser.waitFor("Page.loadEventFired", tab.sessionId);
  const result = await tab.s("Page.navigate", { url });
  if (result.errorText) throw new Error(`cannot load ${url}: ${result.errorText}`);
  await loaded;
}

async function evaluate(tab, expression) {
  const { result, exceptionDetails } = await tab.s("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
  if (exceptionDetails) return `exception: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`;
  return result.value;
}

async function checkPages(browser, tab, problems) {
  for (const page of PAGES) {
    const file = join(site, page.path);
    if (!existsSync(file)) {
      problems.push(`${page.path}: missing`);
      continue;
    }
    const before = problems.length;
    await load(browser, tab, pathToFileURL(file).href);
    for (const [what, expression] of Object.entries(page.checks)) {
      const ok = await evaluate(tab, expression);
      if (ok !== true) problems.push(`${page.path}: lacks ${what} (${JSON.stringify(ok)})`);
    }
    for (let i = before; i < problems.length; i++) {
      if (!problems[i].startsWith(page.path)) problems[i] = `${page.path}: ${problems[i]}`;
    }
  }
}

/** The 404 page from file://: styled, its script run, no failed request, every link and asset
 * it names an existing file of the site (in-page links staying on the page), and the way home
 * leading to the site's index.html. */
async function checkNotFoundPage(browser, tab, problems) {
  const file = join(site, "404.html");
  if (!existsSync(file)) {
    problems.push("404.html: missing");
    return;
  }
  const before = problems.length;
  const url = pathToFileURL(file).href;
  await load(browser, tab, url);
  const page = await evaluate(tab, `({
    styled: getComputedStyle(document.querySelector('.site-header')).position === 'sticky',
    scripted: document.documentElement.classList.contains('js') && !document.querySelector('.theme-toggle').hidden,
    home: document.querySelector('main a[href$="index.html"]')?.href ?? '',
    links: [...document.querySelectorAll('a[href], link[href], script[src]')]
      .map(e => ({ written: e.getAttribute('href') ?? e.getAttribute('src'), resolved: e.href || e.src })) })`);
  if (!page.styled) problems.push("the stylesheet is not applied");
  if (!page.scripted) problems.push("site.js did not run");
  if (page.home !== pathToFileURL(join(site, "index.html")).href) problems.push(`the home link leads to ${page.home || "nowhere"}, not the site's index.html`);
  for (const { written, resolved } of page.links) {
    if (written.startsWith("#")) {
      if (resolved !== url + written) problems.push(`the in-page link ${written} leads to ${resolved}`);
    } else if (resolved.startsWith("file:") && !existsSync(fileURLToPath(resolved.split("#")[0]))) {
      problems.push(`links to a missing file ${resolved}`);
    }
  }
  for (let i = before; i < problems.length; i++) problems[i] = `404.html: ${problems[i]}`;
}

async function checkThemeToggle(browser, tab, problems) {
  const url = pathToFileURL(join(site, PAGES[1].path)).href;
  await load(browser, tab, url);
  const before = await evaluate(tab, "document.documentElement.dataset.theme");
  await evaluate(tab, "document.querySelector('.theme-toggle').click(), true");
  const after = await evaluate(tab, "document.documentElement.dataset.theme");
  await load(browser, tab, url);
  const reloaded = await evaluate(tab, "document.documentElement.dataset.theme");
  if (before === after || after !== reloaded) {
    problems.push(`theme toggle: ${before} -> ${after}, after reload ${reloaded}`);
  }
  await evaluate(tab, "localStorage.clear(), true");
}

/** Pages whose diagrams are measured in the browser, light and dark. */
const DIAGRAM_PAGES = [
  "course-engineering/episode-02-metrics-readers-trust.html",
  "course-engineering/episode-03-diagrams-as-code.html",
];

/** Runs in the page: every diagram visible, every label inside its diagram and its node's
 * shape, and readable against the diagram's background. Returns a list of problems. */
const MEASURE_DIAGRAMS = `(() => {
  const problems = [];
  const inside = (inner, outer, slack) => inner.left >= outer.left - slack && inner.right <= outer.right + slack
    && inner.top >= outer.top - slack && inner.bottom <= outer.bottom + slack;
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = (c) => { const v = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const svgs = [...document.querySelectorAll('figure.diagram .diagram-svg > svg')];
  if (svgs.length === 0) problems.push('no drawn diagram');
  for (const svg of svgs) {
    svg.scrollIntoView();
    const box = svg.getBoundingClientRect();
    if (box.width < 80 || box.height < 30 || getComputedStyle(svg).visibility !== 'visible') {
      problems.push(svg.id + ': not visible (' + Math.round(box.width) + 'x' + Math.round(box.height) + ')');
      continue;
    }
    const background = getComputedStyle(svg.closest('.diagram-svg')).backgroundColor;
    const labels = [...svg.querySelectorAll('.nodeLabel, .edgeLabel .nodeLabel, text')]
      .filter(l => l.textContent.trim() && l.getBoundingClientRect().width > 0);
    if (labels.length === 0) problems.push(svg.id + ': no visible label');
    for (const label of labels) {
      const r = label.getBoundingClientRect();
      if (!inside(r, box, 2)) problems.push(svg.id + ': label "' + label.textContent.trim() + '" spills out of the diagram');
    }
    for (const node of svg.querySelectorAll('g.node')) {
      const shape = node.querySelector('rect, polygon, circle, ellipse, path');
      const label = node.querySelector('.nodeLabel');
      if (!shape || !label || !label.textContent.trim()) continue;
      const s = shape.getBoundingClientRect(), l = label.getBoundingClientRect();
      // Boxes are measured for Trebuchet MS; a wider fallback font may push the last line of a
      // wrapped note a few pixels down, but never a whole line (24px) or sideways.
      const spill = { left: l.left, right: l.right, top: l.top, bottom: l.bottom - 12 };
      if (l.width > 0 && !inside(spill, s, 3)) problems.push(svg.id + ': label "' + label.textContent.trim() + '" is outside its shape');
      const fill = getComputedStyle(shape).fill;
      const color = getComputedStyle(label).color;
      if (fill.startsWith('rgb') && contrast(color, fill) < 3) problems.push(svg.id + ': label "' + label.textContent.trim() + '" is hard to read (' + color + ' on ' + fill + ')');
    }
    const edgeText = svg.querySelector('.messageText, .edgeLabel .nodeLabel');
    if (edgeText && edgeText.textContent.trim() && contrast(getComputedStyle(edgeText).fill !== 'none' && edgeText.tagName === 'text' ? getComputedStyle(edgeText).fill : getComputedStyle(edgeText).color, background) < 3) {
      problems.push(svg.id + ': edge text is hard to read on the background ' + background);
    }
  }
  return problems;
})()`;

async function checkDiagrams(browser, tab, problems, pages) {
  for (const scheme of ["light", "dark"]) {
    await tab.s("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: scheme }] });
    for (const path of pages) {
      await load(browser, tab, pathToFileURL(join(site, path)).href);
      const found = await evaluate(tab, MEASURE_DIAGRAMS);
      if (!Array.isArray(found)) problems.push(`${path} (${scheme}): diagram check failed: ${found}`);
      else for (const p of found) problems.push(`${path} (${scheme}): ${p}`);
    }
  }
  await tab.s("Emulation.setEmulatedMedia", { features: [] });
}

/** The page with a calculator and a simulator, and a page with neither. */
const CALCULATOR_PAGE = "systems-in-production/episode-02-backpressure-and-load-shedding.html";
const PLAIN_PAGE = "course-engineering/episode-01-designing-a-course.html";

/** Calculators and simulators: the value built into the page, a slider moved by keyboard and
 * by pointer-free input updates its output, a number field moves the slider, a simulator's
 * plot is redrawn; and a page without interactive blocks loads no interactive asset. */
async function checkInteractive(browser, tab, problems) {
  await load(browser, tab, pathToFileURL(join(site, PLAIN_PAGE)).href);
  const plainAssets = await evaluate(tab, `[...document.querySelectorAll('link[rel=stylesheet], script[src]')].map(e => e.getAttribute('href') || e.getAttribute('src')).filter(u => u.includes('interactive')).join(' ')`);
  if (plainAssets !== "") problems.push(`${PLAIN_PAGE}: a page without interactive blocks loads ${plainAssets}`);
  await load(browser, tab, pathToFileURL(join(site, CALCULATOR_PAGE)).href);
  const state = `(() => { const c = document.querySelector('section.calc-calculator'); const o = [...c.querySelectorAll('output .calc-value')].map(e => e.textContent); const r = c.querySelector('input[type=range][data-name=rate]'); const n = c.querySelector('input[type=number][data-name=rate]'); return JSON.stringify({ o, r: r.value, n: n.value }); })()`;
  const read = async () => JSON.parse(await evaluate(tab, state));
  const before = await read();
  if (before.o[0] !== "80" || before.o[1] !== "50") {
    problems.push(`${CALCULATOR_PAGE}: calculator built with ${JSON.stringify(before.o)}, expected utilisation 80 and 50 ms`);
  }
  // Keyboard: focus the slider and press the right arrow five times (80 -> 85 req/s).
  await evaluate(tab, `document.querySelector('section.calc-calculator input[type=range][data-name=rate]').focus(), true`);
  for (let i = 0; i < 5; i++) await key(tab, "ArrowRight", 39);
  const keyed = await read();
  if (keyed.r !== "85" || keyed.n !== "85" || keyed.o[0] !== "85" || keyed.o[1] !== "66.7") {
    problems.push(`${CALCULATOR_PAGE}: after five right arrows on the slider: ${JSON.stringify(keyed)}, expected rate 85, utilisation 85, 66.7 ms`);
  }
  // Typing in the number field moves the slider and the outputs; past capacity, a dash.
  await evaluate(tab, `(() => { const n = document.querySelector('section.calc-calculator input[type=number][data-name=rate]'); n.value = '100'; n.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`);
  const typed = await read();
  if (typed.r !== "100" || typed.o[0] !== "100" || typed.o[1] !== "\u2014") {
    problems.push(`${CALCULATOR_PAGE}: after typing 100 req/s: ${JSON.stringify(typed)}, expected the slider at 100, utilisation 100 and a dash`);
  }
  const live = await evaluate(tab, `[...document.querySelectorAll('section.calc output')].every(o => o.getAttribute('aria-live') === 'polite' && o.labels !== undefined && document.getElementById(o.getAttribute('aria-labelledby')))`);
  if (live !== true) problems.push(`${CALCULATOR_PAGE}: an output is not a labelled polite live region`);
  const sim = `(() => { const c = document.querySelector('section.calc-simulator'); return JSON.stringify({ p: c.querySelector('.sim-line').getAttribute('points'), o: c.querySelector('output .calc-value').textContent }); })()`;
  const simBefore = JSON.parse(await evaluate(tab, sim));
  await evaluate(tab, `(() => { const r = document.querySelector('section.calc-simulator input[type=range][data-name=arrivals]'); r.value = '150'; r.dispatchEvent(new Event('input', { bubbles: true })); return true; })()`);
  const simAfter = JSON.parse(await evaluate(tab, sim));
  if (simBefore.p === simAfter.p || simBefore.o === simAfter.o) {
    problems.push(`${CALCULATOR_PAGE}: the simulator did not redraw when its slider moved: ${JSON.stringify([simBefore.o, simAfter.o])}`);
  }
}

/** The runnable JavaScript example (```js run) on the calculator page: Run, pressed from the
 * keyboard, runs the code in a sandboxed frame without the page's origin and shows what it
 * logged as text in a live region; the output passes the accessibility audit too. */
async function checkRunnable(browser, tab, problems) {
  await load(browser, tab, pathToFileURL(join(site, CALCULATOR_PAGE)).href);
  const frame = await evaluate(tab, `(() => { const f = document.querySelector('.runnable iframe.run-frame'); return f ? f.getAttribute('sandbox') : 'none'; })()`);
  if (frame !== "allow-scripts") problems.push(`${CALCULATOR_PAGE}: the runnable example's frame has sandbox=${frame}, expected allow-scripts only`);
  const button = await evaluate(tab, `(() => { const b = document.querySelector('.runnable button.run'); if (!b || b.hidden) return false; b.focus(); return document.activeElement === b; })()`);
  if (button !== true) {
    problems.push(`${CALCULATOR_PAGE}: no visible, focusable Run button on the runnable example`);
    return;
  }
  for (const type of ["keyDown", "keyUp"]) {
    await tab.s("Input.dispatchKeyEvent", { type, key: "Enter", code: "Enter", windowsVirtualKeyCode: 13, text: type === "keyDown" ? "\r" : undefined });
  }
  const expected = "With a 10% budget: 1109 requests (1.11x)";
  const output = `[...document.querySelectorAll('.runnable .run-output .run-line')].map(l => l.textContent)`;
  if (!(await waitUntil(tab, `${output}.includes(${JSON.stringify(expected)})`, 6000))) {
    problems.push(`${CALCULATOR_PAGE}: after Run, the output is ${JSON.stringify(await evaluate(tab, output))}, expected a line ${JSON.stringify(expected)}`);
    return;
  }
  const region = await evaluate(tab, `(() => { const o = document.querySelector('.runnable .run-output'); return !o.hidden && o.getAttribute('aria-live') === 'polite' && o.querySelectorAll('*:not(.run-line)').length === 0 && o.firstElementChild.textContent === 'Without a budget: 4000 requests (4.00x)'; })()`);
  if (region !== true) problems.push(`${CALCULATOR_PAGE}: the output is not a polite live region of text lines in the order they were logged`);
  if (axeSource) await audit(tab, `${CALCULATOR_PAGE} after Run`, problems);
  // A Mermaid `click` link: the drawn node is a link that Tab reaches and Enter follows.
  const link = await evaluate(tab, `(() => { const a = [...document.querySelectorAll('figure.diagram svg a')].find(a => a.getAttribute('xlink:href') === '#retries-multiply-load'); if (!a) return 'no link'; a.focus(); return document.activeElement === a ? 'focused' : 'not focusable'; })()`);
  if (link !== "focused") {
    problems.push(`${CALCULATOR_PAGE}: the diagram's retry budget node: ${link}`);
    return;
  }
  for (const type of ["keyDown", "keyUp"]) {
    await tab.s("Input.dispatchKeyEvent", { type, key: "Enter", code: "Enter", windowsVirtualKeyCode: 13, text: type === "keyDown" ? "\r" : undefined });
  }
  if (!(await waitUntil(tab, `location.hash === '#retries-multiply-load'`, 3000))) {
    problems.push(`${CALCULATOR_PAGE}: Enter on the diagram's retry budget node did not follow its link (at ${await evaluate(tab, "location.hash")})`);
  }
  // Node details: focusing the deadline node by keyboard shows its entry, and only that one.
  const shown = `[...document.querySelectorAll('.diagram-details .node-detail')].filter(e => getComputedStyle(e).display !== 'none').map(e => e.querySelector('dt').textContent)`;
  const before = await evaluate(tab, `JSON.stringify(${shown})`);
  const node = await evaluate(tab, `(() => { const n = document.querySelector('[data-details$="-detail-DEADLINE"]'); if (!n) return 'no node'; n.focus(); return document.activeElement === n ? 'focused' : 'not focusable'; })()`);
  if (node !== "focused") {
    problems.push(`${CALCULATOR_PAGE}: the diagram's deadline node with details: ${node}`);
    return;
  }
  const after = await evaluate(tab, `JSON.stringify(${shown})`);
  if (before !== "[]" || after !== JSON.stringify(["Deadline already passed?"])) {
    problems.push(`${CALCULATOR_PAGE}: node details shown before focus ${before}, after focusing the deadline node ${after}`);
  }
  if (axeSource) await audit(tab, `${CALCULATOR_PAGE} with a diagram node's details shown`, problems);
}

async function key(tab, name, code) {
  for (const type of ["keyDown", "keyUp"]) {
    await tab.s("Input.dispatchKeyEvent", { type, key: name, code: name, windowsVirtualKeyCode: code, text: type === "keyDown" && name.length === 1 ? name : undefined });
  }
}

/** The reader's tools on an episode page: the drawer on a phone (focus kept inside, Escape
 * closes it), the course title never clipped sideways, back to top, the table of contents that
 * follows the reading position, the favicon. */
async function checkNavigation(browser, tab, problems) {
  const url = pathToFileURL(join(site, DIAGRAM_PAGES[1])).href;
  await tab.s("Emulation.setDeviceMetricsOverride", { width: 390, height: 844, deviceScaleFactor: 1, mobile: true });
  await load(browser, tab, url);
  const drawer = async () => evaluate(tab, `(() => { const b = document.querySelector('.menu-toggle'), side = document.getElementById('sidebar');
    return { expanded: b.getAttribute('aria-expanded'), visible: getComputedStyle(side).visibility === 'visible' && side.getBoundingClientRect().right > 100,
      inside: side.contains(document.activeElement), onButton: document.activeElement === b,
      clipped: [...document.querySelectorAll('.brand-text')].some(t => t.scrollWidth > t.clientWidth + 1) }; })()`);
  const closed = await drawer();
  if (closed.expanded !== "false" || closed.visible) problems.push(`drawer: not closed at first (${JSON.stringify(closed)})`);
  if (closed.clipped) problems.push("header: the course title is clipped sideways on a phone");
  await evaluate(tab, "document.querySelector('.menu-toggle').click(), true");
  await sleep(300);
  const opened = await drawer();
  if (opened.expanded !== "true" || !opened.visible || !opened.inside) problems.push(`drawer: does not open with the focus inside (${JSON.stringify(opened)})`);
  for (let i = 0; i < 12; i++) await key(tab, "Tab", 9);
  if (!(await drawer()).inside) problems.push("drawer: Tab moves the focus out of the open drawer");
  await key(tab, "Escape", 27);
  await sleep(300);
  const after = await drawer();
  if (after.expanded !== "false" || after.visible || !after.onButton) problems.push(`drawer: Escape does not close it and return the focus (${JSON.stringify(after)})`);
  await tab.s("Emulation.clearDeviceMetricsOverride");

  await tab.s("Emulation.setDeviceMetricsOverride", { width: 1366, height: 900, deviceScaleFactor: 1, mobile: false });
  await load(browser, tab, url);
  const favicon = await evaluate(tab, "document.querySelector('link[rel=icon]')?.href ?? ''");
  if (!favicon.startsWith("file:") || !existsSync(fileURLToPath(favicon))) problems.push(`favicon: missing (${favicon})`);
  const spy = await evaluate(tab, `new Promise(resolve => { const links = [...document.querySelectorAll('aside.toc .toc-list a')];
    const link = links[Math.floor(links.length / 2)];
    document.getElementById(decodeURIComponent(link.hash.slice(1))).scrollIntoView();
    setTimeout(() => resolve(link.getAttribute('aria-current') === 'true'
      && document.querySelectorAll('aside.toc [aria-current=true]').length === 1 || link.textContent), 400); })`);
  if (spy !== true) problems.push(`table of contents: the entry of the section scrolled to is not marked (${spy})`);
  const top = await evaluate(tab, `new Promise(resolve => { window.scrollTo(0, document.documentElement.scrollHeight);
    setTimeout(() => { const b = document.querySelector('.back-to-top'); if (b.hidden) return resolve('hidden at the bottom');
      b.click(); setTimeout(() => resolve(window.scrollY === 0 || 'scrollY ' + window.scrollY), 300); }, 300); })`);
  if (top !== true) problems.push(`back to top: ${top}`);
  await tab.s("Emulation.clearDeviceMetricsOverride");
}

/** Diagrams: never wider than their natural width, never narrower than the width at which the
 * smallest label is 12px (the frame then scrolls and takes the focus); the full-size viewer
 * opens, zooms with +, closes with Escape and gives the focus back. */
async function checkDiagramSizes(browser, tab, problems, pages) {
  for (const width of [1366, 390]) {
    await tab.s("Emulation.setDeviceMetricsOverride", { width, height: 900, deviceScaleFactor: 1, mobile: width < 600 });
    for (const path of pages) {
      await load(browser, tab, pathToFileURL(join(site, path)).href);
      const found = await evaluate(tab, `[...document.querySelectorAll('.diagram-svg')].flatMap(frame => {
        const svg = frame.querySelector(':scope > svg'), style = getComputedStyle(frame);
        const natural = parseFloat(style.getPropertyValue('--diagram-width')), least = parseFloat(style.getPropertyValue('--diagram-min-width'));
        const w = svg.getBoundingClientRect().width, out = [];
        if (!(natural > 0 && least > 0)) return [svg.id + ': no --diagram-width / --diagram-min-width'];
        if (w < least - 1) out.push(svg.id + ': ' + Math.round(w) + 'px wide, below its readable width ' + least + 'px');
        if (w > Math.max(natural, least) + 1) out.push(svg.id + ': ' + Math.round(w) + 'px wide, above its natural width ' + natural + 'px');
        if (frame.scrollWidth > frame.clientWidth + 1 && frame.tabIndex < 0) out.push(svg.id + ': scrolls sideways but cannot take the focus');
        if (!frame.previousElementSibling?.matches('button.diagram-expand')) out.push(svg.id + ': no full-size button');
        return out; })`);
      if (!Array.isArray(found)) problems.push(`${path} at ${width}px: diagram size check failed: ${found}`);
      else for (const p of found) problems.push(`${path} at ${width}px: ${p}`);
    }
  }
  await load(browser, tab, pathToFileURL(join(site, pages[0])).href);
  await evaluate(tab, "document.querySelector('.diagram-expand').click(), true");
  await sleep(200);
  const opened = await evaluate(tab, "({ open: !!document.querySelector('dialog.diagram-viewer[open] svg'), focus: !!document.activeElement.closest('dialog'), scale: document.querySelector('dialog.diagram-viewer svg')?.style.transform ?? '', fits: (() => { const s = document.querySelector('dialog.diagram-viewer .viewer-stage').getBoundingClientRect(), d = document.querySelector('dialog.diagram-viewer svg').getBoundingClientRect(); return d.width <= s.width + 1 && d.height <= s.height + 1; })() })");
  await key(tab, "+", 187);
  const zoomed = await evaluate(tab, "document.querySelector('dialog.diagram-viewer svg')?.style.transform ?? ''");
  const scaleOf = (transform) => Number((/scale\(([\d.]+)\)/.exec(transform) || [])[1]);
  if (!opened.fits) problems.push(`diagram viewer: the diagram does not open whole in the viewer (${opened.scale})`);
  await key(tab, "Escape", 27);
  await sleep(200);
  const closed = await evaluate(tab, "({ open: !!document.querySelector('dialog[open]'), back: !!document.querySelector('.diagram-svg > svg'), focus: document.activeElement.matches('.diagram-expand') })");
  if (!opened.open || !opened.focus) problems.push(`diagram viewer: does not open with the focus in it (${JSON.stringify(opened)})`);
  if (!(Math.abs(scaleOf(zoomed) - scaleOf(opened.scale) * 1.25) < 0.001)) problems.push(`diagram viewer: + does not zoom in (${opened.scale} then ${zoomed})`);
  if (closed.open || !closed.back || !closed.focus) problems.push(`diagram viewer: Escape does not close it, put the diagram back and return the focus (${JSON.stringify(closed)})`);
  await tab.s("Emulation.clearDeviceMetricsOverride");
}

/** The smallest label a reader is asked to read in a diagram, in CSS pixels as drawn on the
 * page: the site keeps each diagram wide enough for its smallest font to be drawn at 12px, and
 * 0.5px is left for rounding. */
const MIN_LABEL_PX = 11.5;

/** Runs in the page: the drawn size of every visible text in every diagram (SVG `text` and
 * `tspan`, and the HTML inside `foreignObject`), that is its computed font size times the scale
 * at which the diagram is drawn (the SVG's current width over its viewBox width, and any scaling
 * inside the SVG). Returns the number of labels, the smallest, and those below MIN_LABEL_PX. */
const MEASURE_LABELS = `(() => {
  const result = { labels: 0, smallest: null, tooSmall: [] };
  for (const svg of document.querySelectorAll('.diagram-svg > svg')) {
    const measured = new Set();
    const texts = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const element = node.parentElement;
      if (!node.data.trim() || measured.has(element) || element.closest('title, desc, style, defs, marker')) continue;
      measured.add(element);
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect(), style = getComputedStyle(element);
      if (r.width === 0 || r.height === 0 || style.visibility !== 'visible' || parseFloat(style.opacity) === 0) continue;
      const drawn = element instanceof SVGGraphicsElement ? element : element.closest('foreignObject');
      const m = drawn.getScreenCTM();
      const px = parseFloat(style.fontSize) * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      const label = { diagram: svg.id, text: element.textContent.trim().slice(0, 40), px: Math.round(px * 10) / 10 };
      result.labels++;
      if (!result.smallest || px < result.smallest.px) result.smallest = label;
      if (px < ${MIN_LABEL_PX}) result.tooSmall.push(label);
    }
  }
  return result;
})()`;

/** Every diagram label at least MIN_LABEL_PX on a desktop and on a phone; prints the smallest
 * label of each page. */
async function checkDiagramLabels(browser, tab, problems, pages) {
  for (const { width, height, mobile } of VIEWPORTS) {
    await tab.s("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile });
    for (const path of pages) {
      await load(browser, tab, pathToFileURL(join(site, path)).href);
      const found = await evaluate(tab, MEASURE_LABELS);
      if (typeof found !== "object" || found === null) {
        problems.push(`${path} at ${width}px: label size check failed: ${found}`);
        continue;
      }
      if (found.labels === 0) {
        problems.push(`${path} at ${width}px: no visible diagram label`);
        continue;
      }
      const { px, text, diagram } = found.smallest;
      console.log(`labels: ${path} at ${width}px: smallest ${px}px ("${text}" in ${diagram}), ${found.labels} labels`);
      for (const label of found.tooSmall) {
        problems.push(`${path} at ${width}px: ${label.diagram}: label "${label.text}" is drawn at ${label.px}px, below ${MIN_LABEL_PX}px`);
      }
    }
  }
  await tab.s("Emulation.clearDeviceMetricsOverride");
}

/** The pages of a built site that have a drawn diagram. */
function pagesWithDiagrams(dir) {
  return allPages(dir).filter((path) => readFileSync(join(dir, path), "utf8").includes('class="diagram-svg"'));
}

/** A word that occurs in one episode of the example course only, and that episode's page. */
const SEARCH_WORD = "backfill";
const SEARCH_PAGE = "systems-in-production/episode-03-schema-migrations-without-downtime.html";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(tab, expression, timeout = 8000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if ((await evaluate(tab, expression)) === true) return true;
    await sleep(100);
  }
  return false;
}

/** Types a word into the search field of an episode page, as a reader would, and follows the
 * first result; prints what the first search loaded, gzipped. */
async function checkSearch(browser, tab, problems) {
  await load(browser, tab, pathToFileURL(join(site, PAGES[1].path)).href);
  const loaded = [];
  const listener = (m) => {
    if (m.sessionId === tab.sessionId && m.method === "Network.requestWillBeSent" && m.params.request.url.includes("/search/")) {
      loaded.push(m.params.request.url);
    }
  };
  browser.listeners.push(listener);
  const ready = await evaluate(tab, `(() => { const box = document.querySelector('.search');
    const input = document.querySelector('.search-input');
    if (!box || box.hidden || !input) return 'no search field';
    if (input.getAttribute('role') !== 'combobox' || !input.labels?.[0]?.textContent.includes('Search the course')) return 'field not a labelled combobox';
    document.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    return document.activeElement === input || 'the / key does not focus the field'; })()`);
  if (ready !== true) {
    problems.push(`search: ${ready}`);
    browser.listeners = browser.listeners.filter((l) => l !== listener);
    return;
  }
  await tab.s("Input.insertText", { text: SEARCH_WORD });
  if (!(await waitUntil(tab, "document.querySelectorAll('#search-results [role=option]').length > 0"))) {
    problems.push(`search: no result for "${SEARCH_WORD}"`);
  } else {
    await tab.s("Input.dispatchKeyEvent", { type: "keyDown", key: "ArrowDown", code: "ArrowDown", windowsVirtualKeyCode: 40 });
    const state = await evaluate(tab, `(() => { const input = document.querySelector('.search-input');
      const first = document.querySelector('#search-results [role=option]');
      return { href: first.href, expanded: input.getAttribute('aria-expanded'),
        active: input.getAttribute('aria-activedescendant') === first.id && first.getAttribute('aria-selected') === 'true',
        marked: first.querySelector('mark')?.textContent.toLowerCase() ?? '',
        announced: document.querySelector('.search-status').textContent }; })()`);
    await sleep(100);
    const announced = await evaluate(tab, "document.querySelector('.search-status').textContent");
    const url = new URL(state.href);
    const expected = pathToFileURL(join(site, SEARCH_PAGE)).href;
    if (url.href.split("#")[0].split("?")[0] !== expected || !url.hash) problems.push(`search: first result ${state.href} is not a section of ${SEARCH_PAGE}`);
    if (url.searchParams.get("highlight") !== SEARCH_WORD) problems.push(`search: the first result ${state.href} does not carry the words searched for`);
    if (state.expanded !== "true" || !state.active) problems.push(`search: ArrowDown does not make the first result active (${JSON.stringify(state)})`);
    if (!state.marked.startsWith(SEARCH_WORD)) problems.push(`search: the excerpt does not mark "${SEARCH_WORD}" (${state.marked})`);
    if (!/\d+ results?/.test(announced)) problems.push(`search: the count is not announced ("${announced}")`);
    const files = [...new Set(loaded)].map((u) => fileURLToPath(u));
    const bytes = files.map((f) => readFileSync(f));
    const raw = bytes.reduce((n, b) => n + b.length, 0);
    const gzipped = bytes.reduce((n, b) => n + gzipSync(b).length, 0);
    console.log(`search: the first query loaded ${files.length} files, ${raw} bytes (${gzipped} gzipped)`);
    if (url.hash) {
      await load(browser, tab, url.href);
      const id = decodeURIComponent(url.hash.slice(1));
      if ((await evaluate(tab, `document.getElementById(${JSON.stringify(id)}) !== null`)) !== true) {
        problems.push(`search: the first result's anchor #${id} is not on ${SEARCH_PAGE}`);
      }
      const hits = await evaluate(tab, "Array.from(document.querySelectorAll('mark.search-hit'), (m) => m.textContent.toLowerCase())");
      if (!Array.isArray(hits) || hits.length === 0 || !hits.every((h) => h.startsWith(SEARCH_WORD))) {
        problems.push(`search: the page landed on does not mark "${SEARCH_WORD}" (${JSON.stringify(hits)})`);
      }
      await key(tab, "Escape", 27);
      await sleep(100);
      if ((await evaluate(tab, "document.querySelectorAll('mark.search-hit').length")) !== 0) {
        problems.push("search: Escape does not take the marks away");
      }
    }
  }
  browser.listeners = browser.listeners.filter((l) => l !== listener);
}

/** axe-core, installed by `npm ci --prefix tests/browser`; null when it is not installed. */
const AXE_PATH = join(dirname(fileURLToPath(import.meta.url)), "node_modules", "axe-core", "axe.min.js");
const axeSource = existsSync(AXE_PATH) ? readFileSync(AXE_PATH, "utf8") : null;

/** Pages audited for accessibility in the example course: one of each kind. */
const AUDIT_PAGES = [
  "index.html",
  "systems-in-production/index.html",
  "systems-in-production/episode-01-caching-at-the-edge.html",
  "systems-in-production/episode-02-backpressure-and-load-shedding.html",
  "course-engineering/episode-02-metrics-readers-trust.html",
  "course-engineering/episode-03-diagrams-as-code.html",
  "coverage.html",
];

/** Interactive states audited too (episode page, light and dark): [name, viewport width, set-up
 * expression that resolves when the state is shown]. */
const AUDIT_STATES = [
  ["navigation drawer", 390, "document.querySelector('.menu-toggle').click(), new Promise(r => setTimeout(r, 300))"],
  ["search results", 1366, `(document.querySelector('.search-toggle').offsetParent && document.querySelector('.search-toggle').click(),
    document.querySelector('.search-input').focus(), document.querySelector('.search-input').value = 'load',
    document.querySelector('.search-input').dispatchEvent(new Event('input')),
    new Promise(r => { const t = setInterval(() => { if (document.querySelector('#search-results [role=option]')) { clearInterval(t);
      document.querySelector('.search-input').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })); r(); } }, 50);
      setTimeout(r, 5000); }))`],
  ["diagram viewer", 1366, "document.querySelector('.diagram-expand').click(), new Promise(r => setTimeout(r, 200))"],
];

/** Every page of a built site but the 404 page (see above), for --audit-only. */
function allPages(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && entry.name.endsWith(".html") && entry.name !== "404.html") found.push(relative(dir, path));
  }
  return found.sort();
}

/** Runs axe-core in the page; resolves to its serious and critical violations. */
const RUN_AXE = `axe.run(document, { resultTypes: ["violations"] }).then(r => r.violations
  .filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({ target: n.target.join(" "), summary: n.failureSummary })), count: v.nodes.length })))`;

/** The accessibility audit: fails on any serious or critical axe-core violation, light and dark. */
async function checkAccessibility(browser, tab, problems, pages) {
  if (!axeSource) {
    if (process.env.CI) problems.push(`axe-core is not installed (${AXE_PATH}): run npm ci --prefix tests/browser`);
    else console.log("note: axe-core is not installed (npm ci --prefix tests/browser); skipping the accessibility audit");
    return;
  }
  for (const scheme of ["light", "dark"]) {
    await tab.s("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: scheme }] });
    for (const path of pages) {
      await load(browser, tab, pathToFileURL(join(site, path)).href);
      await audit(tab, `${path} (${scheme})`, problems);
    }
    if (auditOnly) continue;
    for (const [name, width, setUp] of AUDIT_STATES) {
      await tab.s("Emulation.setDeviceMetricsOverride", { width, height: 844, deviceScaleFactor: 1, mobile: width < 600 });
      await load(browser, tab, pathToFileURL(join(site, DIAGRAM_PAGES[1])).href);
      await tab.s("Runtime.evaluate", { expression: setUp, awaitPromise: true, userGesture: true });
      await audit(tab, `${DIAGRAM_PAGES[1]} with the ${name} (${scheme})`, problems);
      await tab.s("Emulation.clearDeviceMetricsOverride");
    }
  }
  await tab.s("Emulation.setEmulatedMedia", { features: [] });
}

async function audit(tab, where, problems) {
  await evaluate(tab, axeSource + ";true");
  const { result, exceptionDetails } = await tab.s("Runtime.evaluate", { expression: RUN_AXE, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) {
    problems.push(`${where}: axe-core failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return;
  }
  for (const v of result.value) {
    for (const n of v.nodes) {
      problems.push(`${where}: axe ${v.id} [${v.impact}] ${v.help}\n      at ${n.target}\n      ${n.summary.replace(/\n/g, "\n      ")}`);
    }
    if (v.count > v.nodes.length) problems.push(`${where}: axe ${v.id}: ${v.count - v.nodes.length} more element(s)`);
  }
}

async function screenshots(browser, tab, dir) {
  mkdirSync(dir, { recursive: true });
  const targets = [
    ["home", PAGES[0].path, null],
    ["episode", PAGES[1].path, null],
    ["episode-metrics", PAGES[1].path, ".metrics"],
    ["episode-code", PAGES[1].path, ".codeblock"],
    ["episode-diagram", DIAGRAM_PAGES[1], "figure.diagram"],
    ["episode-state-diagram", DIAGRAM_PAGES[1], "#episode-03-diagrams-as-code-d2 .statediagram-note"],
    ["coverage", "coverage.html", null],
    ["episode-calculator", CALCULATOR_PAGE, "section.calc-calculator"],
    ["episode-simulator", CALCULATOR_PAGE, "section.calc-simulator"],
    ["episode-runnable", CALCULATOR_PAGE, ".runnable", `(async () => { document.querySelector('.runnable button.run').click(); await new Promise(r => setTimeout(r, 800)); document.querySelector('.runnable .run-output').scrollIntoView({ block: "center" }); })()`],
    ["episode-chart", "systems-in-production/episode-01-caching-at-the-edge.html", ".metrics-chart"],
    ["episode-line-chart", PAGES[1].path, ".metrics-chart"],
    // Interactive states: [name, page, null, set-up expression (awaited)].
    ["episode-drawer", PAGES[1].path, null, AUDIT_STATES[0][2]],
    ["episode-search", PAGES[1].path, null, AUDIT_STATES[1][2]],
    ["episode-diagram-viewer", DIAGRAM_PAGES[0], null, AUDIT_STATES[2][2]],
  ];
  for (const viewport of VIEWPORTS) {
    await tab.s("Emulation.setDeviceMetricsOverride", {
      width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: viewport.mobile,
    });
    for (const scheme of ["light", "dark"]) {
      await tab.s("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: scheme }] });
      for (const [name, path, selector, setUp] of targets) {
        await load(browser, tab, pathToFileURL(join(site, path)).href);
        if (selector) {
          await evaluate(tab, `document.querySelector('${selector}').scrollIntoView({block: "start"}), window.scrollBy(0, -80), true`);
        }
        if (setUp) await tab.s("Runtime.evaluate", { expression: setUp, awaitPromise: true, userGesture: true });
        const { data } = await tab.s("Page.captureScreenshot", { format: "png" });
        writeFileSync(join(dir, `${name}-${viewport.name}-${scheme}.png`), Buffer.from(data, "base64"));
      }
    }
  }
}

const browser = new Browser(chromiumPath);
const problems = [];
let failed = false;
try {
  const tab = await openTab(browser, problems);
  if (auditOnly) {
    await checkAccessibility(browser, tab, problems, allPages(site));
  } else if (diagramsOnly) {
    const pages = pagesWithDiagrams(site);
    if (pages.length === 0) problems.push("no page with a drawn diagram");
    else {
      await checkDiagrams(browser, tab, problems, pages);
      await checkDiagramSizes(browser, tab, problems, pages);
      await checkDiagramLabels(browser, tab, problems, pages);
    }
  } else {
    await checkPages(browser, tab, problems);
    await checkNotFoundPage(browser, tab, problems);
    await checkThemeToggle(browser, tab, problems);
    await checkDiagrams(browser, tab, problems, DIAGRAM_PAGES);
    await checkNavigation(browser, tab, problems);
    await checkDiagramSizes(browser, tab, problems, DIAGRAM_PAGES);
    await checkDiagramLabels(browser, tab, problems, pagesWithDiagrams(site));
    await checkSearch(browser, tab, problems);
    await checkInteractive(browser, tab, problems);
    await checkRunnable(browser, tab, problems);
    await checkAccessibility(browser, tab, problems, AUDIT_PAGES);
  }
  if (shots) await screenshots(browser, tab, shots);
} catch (err) {
  problems.push(`browser test could not run: ${err.message}\n${browser.stderr.slice(-2000)}`);
} finally {
  await browser.close();
}
if (problems.length > 0) {
  console.error(`${problems.length} problem(s) in ${site}:\n  ${problems.join("\n  ")}`);
  failed = true;
} else {
  const mode = auditOnly ? "accessibility audit" : diagramsOnly ? "diagram checks" : "browser check";
  console.log(`${mode} passed: ${site}`);
}
process.exit(failed ? 1 : 0);
