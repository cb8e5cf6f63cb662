#!/usr/bin/env python3
"""Edit-to-browser latency of live-preview servers, for benches/serve.sh (standard library only).

  serve_latency.py prepare COURSE STATE
      Picks the episode to edit in COURSE (a copy: it is changed): the first one, in file order,
      with a Mermaid flowchart whose first node has a plain [label]. Puts a marker word at the end
      of a prose paragraph and makes the marker the node's label; writes the file, its markers and
      its stem to STATE (JSON) and prints the file's path under COURSE/episodes/.

  serve_latency.py measure --name NAME --course LABEL --file FILE --state STATE --out RESULTS
                           [--path URL_PATH] [--samples N] [--memory-edits N] [--svg]
                           -- COMMAND... ({port} in it becomes a free port)
      Starts COMMAND in its own process group, waits until it serves the page with the
      markers (start-up time), then makes SAMPLES prose edits and SAMPLES diagram edits,
      alternating: each replaces the marker in FILE by a new one, written to a temporary file in
      the same folder and moved over FILE with os.replace (as editors save), and polls the page
      (one request, then 1 ms of sleep) until its body holds the new marker: the latency is the
      time from just after the replace to the response that holds it (30 s at most, then
      "timeout"; sampling stops after --max-timeouts of them). With --svg the diagram's marker must be inside an <svg> (episode draws
      diagrams; the others show their source). Then reads the resident memory of the server's
      process tree (VmRSS from /proc), and again after --memory-edits edits in all if more.
      Appends one JSON line to RESULTS. The server is stopped on every way out.

  serve_latency.py skip --name NAME --course LABEL --reason TEXT --out RESULTS
      Records a server that was not run.

  serve_latency.py report RESULTS OUT.md --header TEXT
      Writes the Markdown table: medians and p90 per server and edit kind, ratios to episode's.
"""

import argparse
import http.client
import json
import math
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

POLL_TIMEOUT = 30.0
FENCE = re.compile(r"^\s*(`{3,}|~{3,})\s*([\w+-]*)")
LABEL = re.compile(r"\b[A-Za-z_][\w-]*\[([A-Za-z][^\[\]\"()]*)\]")


# ---- prepare ------------------------------------------------------------------------------

def pick(text):
    """(paragraph line index, diagram line index, label span) in an episode's lines, or None."""
    lines = text.split("\n")
    fence, lang, kind, prose, label = None, "", None, None, None
    for i, line in enumerate(lines):
        m = FENCE.match(line)
        if fence is None and m:
            fence, lang, kind = m.group(1), m.group(2).lower(), None
            continue
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            elif lang == "mermaid" and label is None:
                if kind is None and stripped and not stripped.startswith(("%%", "---")):
                    kind = stripped.split()[0]
                elif kind in ("graph", "flowchart"):
                    lm = LABEL.search(line)
                    if lm:
                        label = (i, lm.start(1), lm.end(1))
            continue
        plain = line.strip()
        if (prose is None and len(plain) > 60 and plain[0].isalpha() and not plain.endswith(":")
                and not re.match(r"^(\*\*|[-*+] |\d+\. |#|\||>|<)", plain)):
            prose = i
    return (prose, label) if prose is not None and label is not None else None


def prepare(args):
    course = Path(args.course)
    token = secrets.token_hex(3)
    for path in sorted((course / "episodes").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        found = pick(text)
        if not found:
            continue
        (prose, (dline, start, end)) = found
        lines = text.split("\n")
        markers = {"prose": f"zq{token}p0000", "diagram": f"zq{token}d0000"}
        lines[prose] = lines[prose].rstrip() + " " + markers["prose"]
        lines[dline] = lines[dline][:start] + markers["diagram"] + lines[dline][end:]
        path.write_text("\n".join(lines), encoding="utf-8")
        rel = path.relative_to(course / "episodes").as_posix()
        state = {"rel": rel, "stem": path.stem, "token": token, "markers": markers}
        Path(args.state).write_text(json.dumps(state), encoding="utf-8")
        print(rel)
        return 0
    print(f"error: no episode in {course}/episodes has a prose paragraph and a flowchart node label", file=sys.stderr)
    return 2


# ---- measure ------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=30.0):
    """(status, body) of GET path, or (None, b"") when the server does not answer."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cache-Control": "no-cache", "Accept-Encoding": "identity"})
        resp = conn.getresponse()
        return resp.status, resp.read()
    except (OSError, http.client.HTTPException):
        return None, b""
    finally:
        conn.close()


def in_svg(body, marker):
    """Whether an occurrence of marker lies inside an <svg> element."""
    at = body.find(marker)
    while at >= 0:
        if body.rfind(b"<svg", 0, at) > body.rfind(b"</svg>", 0, at):
            return True
        at = body.find(marker, at + 1)
    return False


def shows(body, marker, svg):
    return marker in body and (not svg or in_svg(body, marker))


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(v for k, v in attrs if k == "href" and v)


def crawl(port, stem, marker, deadline):
    """The path of the first page reached from / whose body holds marker; links whose path
    names the episode's file are followed first."""
    queue, seen = ["/"], {"/"}
    while queue and time.monotonic() < deadline and len(seen) < 5000:
        path = queue.pop(0)
        status, body = get(port, path)
        if status != 200:
            continue
        if marker.encode() in body:
            return path
        parser = Links()
        parser.feed(body.decode("utf-8", "replace"))
        for href in parser.hrefs:
            url = urlsplit(urljoin("http://127.0.0.1" + path, href))
            if url.netloc != "127.0.0.1" or re.search(r"\.(css|js|svg|png|jpe?g|xml|json|ico|woff2?)$", url.path):
                continue
            if url.path not in seen:
                seen.add(url.path)
                queue.insert(0, url.path) if stem in url.path else queue.append(url.path)
    return None


def rss_kb(pid):
    """Resident memory of pid and its descendants, in KiB (0 when it is gone)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            m = re.search(r"^VmRSS:\s+(\d+)", Path(f"/proc/{p}/status").read_text(), re.M)
            total += int(m.group(1)) if m else 0
        except OSError:
            pass
    return total


class Server:
    """The server under test, in its own process group, stopped on every way out."""

    def __init__(self, command, log, pidfile):
        self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        if pidfile:
            with open(pidfile, "a", encoding="utf-8") as f:
                f.write(f"{self.proc.pid}\n")

    def stop(self):
        if self.proc.poll() is None:
            for sig, wait in ((signal.SIGINT, 3), (signal.SIGTERM, 3), (signal.SIGKILL, 3)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        try:  # anything left in the group (workers, shims)
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def save(path, old, new):
    """Replaces old by new in path as an editor saves: a temporary file beside it, renamed over
    it. Returns the time just after the rename."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise RuntimeError(f"marker {old} is no longer in {path}")
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(3)}.tmp")
    tmp.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(tmp, path)
    return time.perf_counter()


def wait_for(port, path, marker, svg, since):
    """Seconds from since until the page holds marker, or None after POLL_TIMEOUT."""
    needle = marker.encode()
    while True:
        status, body = get(port, path, timeout=POLL_TIMEOUT)
        now = time.perf_counter()
        if status == 200 and shows(body, needle, svg):
            return now - since
        if now - since > POLL_TIMEOUT:
            return None
        time.sleep(0.001)


def measure(args):
    state = json.loads(Path(args.state).read_text(encoding="utf-8"))
    markers = dict(state["markers"])
    file = Path(args.file)
    port = free_port()
    command = [part.replace("{port}", str(port)) for part in args.command]
    result = {"course": args.course, "server": args.name, "command": " ".join(command), "status": "ok"}
    log = open(args.log or os.devnull, "w", encoding="utf-8")
    server = None

    def stop_on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, stop_on_signal)
    try:
        started = time.perf_counter()
        server = Server(command, log, args.pidfile)
        deadline = time.monotonic() + args.startup_timeout
        path = args.path or None
        both = lambda body: markers["prose"].encode() in body and markers["diagram"].encode() in body
        answered = None  # when the server first answered 200
        status, body = None, b""
        while True:
            if server.proc.poll() is not None:
                raise RuntimeError(f"exited with status {server.proc.returncode} before serving the page")
            if time.monotonic() > deadline or (answered and time.monotonic() - answered > 60):
                raise RuntimeError(f"no page with the episode's markers within {time.perf_counter() - started:.0f} s "
                                   f"(last: {path or '/'} answered {status}, {len(body)} bytes)")
            if path:
                status, body = get(port, path)
                if status == 200 and both(body):
                    break
                if status == 200:
                    answered = answered or time.monotonic()
                    if time.monotonic() - answered > 5:
                        path = None  # the expected URL serves something else: look for the page
            else:
                status, body = get(port, "/")
                if status == 200:
                    answered = answered or time.monotonic()
                    path = crawl(port, state["stem"], markers["prose"], deadline)
                    if not path:
                        time.sleep(1)
                    continue
            time.sleep(0.005)
        result["startup_s"] = time.perf_counter() - started
        result["path"] = path
        svg = args.svg and in_svg(body, markers["diagram"].encode())
        if args.svg and not svg:
            result["note"] = "the diagram is shown as source, not drawn"
        print(f"  {args.name}: serving {path} after {result['startup_s']:.2f} s", file=sys.stderr)

        samples = {"prose": [], "diagram": []}
        timeouts = {"prose": 0, "diagram": 0}
        edits = 0

        def edit(kind, record):
            nonlocal edits
            edits += 1
            new = f"zq{state['token']}{kind[0]}{edits:04d}"
            since = save(file, markers[kind], new)
            markers[kind] = new
            latency = wait_for(port, path, new, svg and kind == "diagram", since)
            if record:
                if latency is None:
                    timeouts[kind] += 1
                else:
                    samples[kind].append(latency)
            time.sleep(args.settle)
            return latency

        for i in range(args.samples):
            for kind in ("prose", "diagram"):
                latency = edit(kind, True)
                shown = "timeout" if latency is None else f"{latency * 1000:.0f} ms"
                print(f"  {args.name}: {kind} edit {i + 1}/{args.samples}: {shown}", file=sys.stderr)
            if sum(timeouts.values()) >= args.max_timeouts:
                stopped = f"stopped after {edits} edits, {sum(timeouts.values())} of them timed out"
                result["note"] = "; ".join(filter(None, [result.get("note"), stopped]))
                print(f"  {args.name}: {stopped}", file=sys.stderr)
                break
        result.update(samples=samples, timeouts=timeouts, edits_before_rss=edits, rss_kb=rss_kb(server.proc.pid))
        if args.memory_edits > edits and sum(timeouts.values()) < args.max_timeouts:
            kinds = ("prose", "diagram")
            while edits < args.memory_edits:
                edit(kinds[edits % 2], False)
            result.update(memory_edits=edits, memory_rss_kb=rss_kb(server.proc.pid))
            print(f"  {args.name}: {edits} edits, {result['memory_rss_kb'] / 1024:.0f} MiB resident", file=sys.stderr)
    except (RuntimeError, OSError) as error:
        result["status"] = f"failed: {error}"
        print(f"  {args.name}: {result['status']}", file=sys.stderr)
    finally:
        if server:
            server.stop()
        log.close()
    with open(args.out, "a", encoding="utf-8") as f:
        f.write(json.dumps(result) + "\n")
    return 0


def skip(args):
    with open(args.out, "a", encoding="utf-8") as f:
        f.write(json.dumps({"course": args.course, "server": args.name, "status": args.reason}) + "\n")
    return 0


# ---- report -------------------------------------------------------------------------------

def p90(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def ms(seconds):
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def report(args):
    rows = [json.loads(line) for line in Path(args.results).read_text(encoding="utf-8").splitlines() if line.strip()]
    courses = list(dict.fromkeys(r["course"] for r in rows))
    out = [args.header, "",
           "| Course | Server | Start-up to first page | Prose edit: median | p90 | × episode "
           "| Diagram edit: median | p90 | × episode | Resident memory |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    commands = []
    for course in courses:
        group = [r for r in rows if r["course"] == course]
        base = next((r for r in group if r["server"].startswith("episode") and r["status"] == "ok"), None)
        for r in group:
            if r["status"] != "ok":
                out.append(f"| {course} | {r['server']} | {r['status']} | | | | | | | |")
                continue
            commands.append(f"- {r['server']} ({course}): `{r['command']}`, page `{r['path']}`")
            cells = [course, r["server"] + (f" ({r['note']})" if r.get("note") else ""), f"{r['startup_s']:.2f} s"]
            for kind in ("prose", "diagram"):
                values, lost = r["samples"][kind], r["timeouts"][kind]
                if not values:
                    cells += ["timeout", "", ""]
                    continue
                median = statistics.median(values)
                note = f" ({lost} timeout{'s' if lost > 1 else ''})" if lost else ""
                cells += [ms(median) + note, ms(p90(values))]
                if base and base["samples"][kind]:
                    cells.append(f"{median / statistics.median(base['samples'][kind]):.1f}×")
                else:
                    cells.append("–")
            memory = f"{r['rss_kb'] / 1024:,.0f} MiB after {r['edits_before_rss']} edits"
            if "memory_rss_kb" in r:
                memory += f"; {r['memory_rss_kb'] / 1024:,.0f} MiB after {r['memory_edits']}"
            cells.append(memory)
            out.append("| " + " | ".join(cells) + " |")
    out += ["", "Servers as run:", ""] + commands
    Path(args.md).write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("course")
    p.add_argument("state")
    p = sub.add_parser("measure")
    p.add_argument("--name", required=True)
    p.add_argument("--course", required=True)
    p.add_argument("--file", required=True)
    p.add_argument("--state", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--path", default="")
    p.add_argument("--samples", type=int, default=20)
    p.add_argument("--memory-edits", type=int, default=0)
    p.add_argument("--svg", action="store_true")
    p.add_argument("--max-timeouts", type=int, default=3, help="stop sampling after this many timeouts")
    p.add_argument("--settle", type=float, default=0.3, help="pause after each edit is shown (s)")
    p.add_argument("--startup-timeout", type=float, default=300.0)
    p.add_argument("--log", default="")
    p.add_argument("--pidfile", default="")
    p.add_argument("command", nargs=argparse.REMAINDER)
    p = sub.add_parser("skip")
    p.add_argument("--name", required=True)
    p.add_argument("--course", required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("report")
    p.add_argument("results")
    p.add_argument("md")
    p.add_argument("--header", default="")
    args = parser.parse_args()
    if args.action == "measure":
        if args.command[:1] == ["--"]:
            args.command = args.command[1:]
        if not args.command:
            parser.error("measure needs a command after --")
    return {"prepare": prepare, "measure": measure, "skip": skip, "report": report}[args.action](args)


if __name__ == "__main__":
    sys.exit(main())
