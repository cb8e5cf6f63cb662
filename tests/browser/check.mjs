// Loads pages of a built site in headless Chromium from file:// and fails on console errors,
// uncaught exceptions, failed or external requests, or missing content. Optionally takes
// screenshots at desktop and phone widths in light and dark mode.
//
// Usage: node tests/browser/check.mjs <site-dir> [--screenshots <dir>] [--chromium <path>]
//
// Talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), so it
// needs nothing but Node and Chromium.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const site = resolve(args[0] ?? "site");
const shots = option("--screenshots");
const chromiumPath = option("--chromium") ?? process.env.CHROMIUM ?? "chromium";

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

// 404.html is left out: it links from the site's base URL, since a server shows it at any
// depth, so from file:// its stylesheet is not found.

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
      if (!url.startsWith("file:") && !url.startsWith("data:") && url !== "about:blank") {
        problems.push(`external request: ${url}`);
      }
    } else if (m.method === "Network.loadingFailed") {
      problems.push(`failed request: ${p.errorText} ${p.type}`);
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
  const { result, exceptionDetails } = await tab.s("Runtime.evaluate", { expression, returnByValue: true });
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

async function checkDiagrams(browser, tab, problems) {
  for (const scheme of ["light", "dark"]) {
    await tab.s("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: scheme }] });
    for (const path of DIAGRAM_PAGES) {
      await load(browser, tab, pathToFileURL(join(site, path)).href);
      const found = await evaluate(tab, MEASURE_DIAGRAMS);
      if (!Array.isArray(found)) problems.push(`${path} (${scheme}): diagram check failed: ${found}`);
      else for (const p of found) problems.push(`${path} (${scheme}): ${p}`);
    }
  }
  await tab.s("Emulation.setEmulatedMedia", { features: [] });
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
  ];
  for (const viewport of VIEWPORTS) {
    await tab.s("Emulation.setDeviceMetricsOverride", {
      width: viewport.width, height: viewport.height, deviceScaleFactor: 1, mobile: viewport.mobile,
    });
    for (const scheme of ["light", "dark"]) {
      await tab.s("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value: scheme }] });
      for (const [name, path, selector] of targets) {
        await load(browser, tab, pathToFileURL(join(site, path)).href);
        if (selector) {
          await evaluate(tab, `document.querySelector('${selector}').scrollIntoView({block: "start"}), window.scrollBy(0, -80), true`);
        }
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
  await checkPages(browser, tab, problems);
  await checkThemeToggle(browser, tab, problems);
  await checkDiagrams(browser, tab, problems);
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
  console.log(`browser check passed: ${PAGES.length} pages of ${site}`);
}
process.exit(failed ? 1 : 0);
