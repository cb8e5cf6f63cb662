#!/usr/bin/env python3
"""Runs benchmark commands interleaved, run by run, and reports medians, ratios and memory.

Usage: interleave.py PLAN.json ROUNDS OUT.md OUT.json

PLAN.json is a list of groups; each group is a course the commands run on:

    [{"group": "real course", "baseline": "mdbook", "repeat": 5,
      "commands": [{"name": "episode build", "run": "...", "before": "rm -rf ..."}, ...]}]

Every round runs every command of every group once, or `repeat` times (optional, default 1:
a course that builds in a fraction of a second is measured more often, since one busy moment
of the machine moves its times most), the group's commands in an order that rotates from turn
to turn and round to round, so a machine that gets busier or quieter during the benchmark
weighs on every command alike. Each run is timed as a whole process (wall clock) under `/usr/bin/time -v`, which
gives its peak resident memory. Before each run, untimed, the file systems are synced
(`sync`), so that no run pays for writing back the files the previous command wrote (a site
of hundreds of megabytes, for the large course). `before` (optional) runs untimed just before
each run: it empties a cache for the cold runs. `ok_exit` (optional, default [0]) lists the exit statuses
that are not failures (`episode lint` exits 1 when it finds errors). One warm-up run per
command is not counted.

The report gives, per group, each command's median and spread, its ratio to the group's
baseline (the baseline's run of the same round and turn, then the median of those ratios), and
its median peak memory.
"""

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

TIME = "/usr/bin/time"


def run_once(command):
    """Wall seconds, peak RSS in KiB and exit status of one run of `command`."""
    if command.get("before"):
        subprocess.run(command["before"], shell=True, check=True)
    os.sync()
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        done = subprocess.run(
            [TIME, "-v", "-o", report.name, "sh", "-c", command["run"]],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - started
        text = report.read()
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return wall, int(peak.group(1)) if peak else 0, done.returncode


def main():
    plan_path, rounds, out_md, out_json = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    plan = json.load(open(plan_path))
    for group in plan:
        repeat = group.get("repeat", 1)
        if not isinstance(repeat, int) or repeat < 1:
            sys.exit(f"interleave.py: group {group['group']!r}: repeat must be a whole number, at least 1")
    commands = [(g["group"], c) for g in plan for c in g["commands"]]
    if not commands:
        sys.exit("interleave.py: the plan has no commands")
    results = {(g, c["name"]): {"wall": [], "peak": [], "status": set()} for g, c in commands}
    for group, command in commands:
        print(f"  warm-up: {group}: {command['name']}", file=sys.stderr, flush=True)
        run_once(command)
    for round_index in range(rounds):
        for group in plan:
            group_commands = group["commands"]
            repeat = group.get("repeat", 1)
            for turn in range(round_index * repeat, (round_index + 1) * repeat):
                # Rotating by the round too: with as many turns a round as commands, each round
                # would otherwise start with the same command.
                shift = (turn + round_index) % len(group_commands)
                for command in group_commands[shift:] + group_commands[:shift]:
                    wall, peak, status = run_once(command)
                    entry = results[(group["group"], command["name"])]
                    entry["wall"].append(wall)
                    entry["peak"].append(peak)
                    entry["status"].add(status)
        print(f"  round {round_index + 1}/{rounds} done", file=sys.stderr, flush=True)

    lines = [
        f"Interleaved runs: {rounds} rounds on {os.cpu_count()} CPUs, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. "
        "Ratio: this command's time over the baseline's in the same round, or the same turn of a "
        "course run several times a round (median of those).",
        "",
    ]
    records = []
    for group in plan:
        name = group["group"]
        baseline = group.get("baseline")
        base_walls = results.get((name, baseline), {}).get("wall") if baseline else None
        lines += [
            f"### {name}",
            "",
            f"{rounds * group.get('repeat', 1)} runs of each command.",
            "",
            f"| command | median | min – max | ratio to {baseline or '—'} | peak memory |",
            "|---|---:|---:|---:|---:|",
        ]
        for command in group["commands"]:
            entry = results[(name, command["name"])]
            walls = entry["wall"]
            ratio = None
            if base_walls:
                ratio = statistics.median(w / b for w, b in zip(walls, base_walls))
            peak_mib = statistics.median(entry["peak"]) / 1024
            failed = sorted(s for s in entry["status"] if s not in command.get("ok_exit", [0]))
            note = f" (exit {', '.join(map(str, failed))})" if failed else ""
            lines.append(
                f"| {command['name']}{note} | {statistics.median(walls):.3f} s "
                f"| {min(walls):.3f} – {max(walls):.3f} s "
                f"| {'—' if ratio is None else f'{ratio:.2f}×'} | {peak_mib:.0f} MiB |"
            )
            records.append({
                "group": name,
                "command": command["name"],
                "run": command["run"],
                "wall": walls,
                "median": statistics.median(walls),
                "ratio_to_baseline": ratio,
                "peak_kib": entry["peak"],
                "exit": sorted(entry["status"]),
            })
        lines.append("")
    open(out_md, "w").write("\n".join(lines))
    json.dump(records, open(out_json, "w"), indent=1)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
