#!/usr/bin/env python3
"""Turns bench/report.sh's raw timings into report.md (a Markdown table) and report.svg (a bar chart).

    render_report.py TIMINGS.tsv META OUTDIR

TIMINGS.tsv has one line per run: rep, workload, kind, engine, seconds, status ("timeout" when
the run hit the time limit; its seconds are then the limit, a lower bound). META holds key=value
lines (command, machine, skipped workloads, notes). Each cell is the median of the runs; a median
that is a lower bound is shown as "> N" and ratios built from it as bounds too. Standard library only.
"""
import csv
import html
import math
import sys
from collections import OrderedDict

ENGINES = ["interp", "dbt", "qemu", "native"]


class Value:
    """A median time or a ratio, possibly only a bound: bound is '>' (at least) or '<' (at most)."""

    def __init__(self, v, bound=""):
        self.v, self.bound = v, bound

    def fmt(self, digits):
        if self.bound and self.v == int(self.v):
            return f"{self.bound} {int(self.v)}"      # a time limit: "> 90", not "> 90.000"
        return f"{self.bound + ' ' if self.bound else ''}{self.v:.{digits}f}"


def median(times):
    """times: list of (seconds, timed_out). A timed-out run counts as longer than any finished one."""
    ordered = sorted(times, key=lambda t: (t[1], t[0]))
    n = len(ordered)
    mid = ordered[(n - 1) // 2: n // 2 + 1]
    if any(t[1] for t in mid):
        return Value(max(t[0] for t in mid), ">")
    return Value(sum(t[0] for t in mid) / len(mid))


def ratio(a, b):
    """a / b with bounds carried: (> a) / b is > ; a / (> b) is < ; both bounds say nothing."""
    if a is None or b is None or b.v <= 0 or (a.bound and b.bound):
        return None
    if a.bound:
        return Value(a.v / b.v, ">")
    if b.bound:
        return Value(a.v / b.v, "<")
    return Value(a.v / b.v)


def geomean(values):
    """The geomean as a Value: a bound when some ratios are bounds all in one direction (mixing
    exact ratios with upper bounds gives an upper bound); None when the bounds disagree."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    bounds = {v.bound for v in present if v.bound}
    if len(bounds) > 1:
        return None
    return Value(math.exp(sum(math.log(v.v) for v in present) / len(present)), bounds.pop() if bounds else "")


def load(path):
    cells = OrderedDict()
    kinds = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            kinds[row["workload"]] = row["kind"]
            cells.setdefault(row["workload"], {}).setdefault(row["engine"], []).append(
                (float(row["seconds"]), row["status"] == "timeout"))
    return cells, kinds


def read_meta(path):
    meta = {}
    with open(path) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            meta.setdefault(k, []).append(v)
    return meta


def cell(v, digits=3):
    return "–" if v is None else v.fmt(digits)


def write_markdown(out, rows, meta):
    one = lambda k: meta.get(k, ["?"])[0]
    lines = [
        "# dynvm performance report",
        "",
        f"Made by `{one('command')}` on {one('date')}.",
        "",
        f"- Machine: {one('cpu')}; load average {one('load')} at the end (the machine is shared with other",
        "  work, so the numbers are noisy: trust ratios more than absolute times, and repeat before concluding).",
        f"- JDK: {one('jdk')}; dynvm JVM options: {one('java_opts')}.",
        f"- qemu-user: {one('qemu')} (ARM programs with `-cpu cortex-a15`, dynvm's default model); native: {one('cc')}, `-O2 -ffp-contract=off` (`-O3` for the auto-vectorised bench_vec).",
        f"- Each cell: median wall time in seconds of {one('runs')} interleaved runs (JVM start-up and translation",
        f"  included); a run over {one('limit')} s was stopped and its cell shows `> {one('limit')}`.",
        "",
        "| workload | kind | interp s | dbt s | qemu s | native s | dbt/interp | dbt/qemu | interp/qemu |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| `{r['name']}` | {r['kind']} | " + " | ".join(cell(r[e]) for e in ENGINES)
                     + f" | {cell(r['dbt/interp'], 2)} | {cell(r['dbt/qemu'], 2)} | {cell(r['interp/qemu'], 1)} |")
    for label, subset in (("geomean, all", rows), ("geomean, CPU-bound", [r for r in rows if r["kind"] == "cpu"]),
                          ("geomean, real programs", [r for r in rows if r["kind"] == "real"])):
        if not subset:
            continue
        parts = [cell(geomean([r[key] for r in subset]), digits)
                 for key, digits in (("dbt/interp", 2), ("dbt/qemu", 2), ("interp/qemu", 1))]
        lines.append(f"| **{label}** | | | | | | " + " | ".join(f"**{p}**" for p in parts) + " |")
    lines += ["", "dbt/interp below 1: the translator beats the interpreter; dbt/qemu below 1: dynvm beats qemu-user.",
              "A geomean over rows of which some are bounds (a run hit the time limit) is itself a bound.", ""]
    for s in meta.get("skipped", []):
        lines.append(f"- skipped: {s}")
    for n in meta.get("note", []):
        lines.append(f"- **warning:** {n}")
    lines += ["", "![dbt/qemu and interp/qemu per workload](report.svg)", "",
              "Raw timings (every run): [timings.tsv](timings.tsv).", ""]
    with open(f"{out}/report.md", "w") as f:
        f.write("\n".join(lines))


def write_svg(out, rows, meta):
    """Horizontal bars on a log scale, clipped to [0.1, 1000]: per workload dbt/qemu and interp/qemu."""
    rows = [r for r in rows if r["dbt/qemu"] or r["interp/qemu"]]
    lo, hi = -1.0, 3.0                      # log10 of the axis ends
    left, width, bar, gap, top = 230, 560, 9, 8, 50
    height = top + len(rows) * (2 * bar + gap) + 60
    x = lambda v: left + (min(max(math.log10(v), lo), hi) - lo) / (hi - lo) * width
    colors = {"dbt/qemu": "#1f77b4", "interp/qemu": "#ff7f0e"}
    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 90}" height="{height}" '
         'font-family="sans-serif" font-size="11">',
         f'<rect width="100%" height="100%" fill="white"/>',
         f'<text x="{left}" y="18" font-size="14" font-weight="bold">Slowdown against qemu-user (log scale; 1 = as fast as qemu)</text>']
    for e in range(int(lo), int(hi) + 1):
        xv = x(10 ** e)
        s.append(f'<line x1="{xv:.1f}" y1="{top - 8}" x2="{xv:.1f}" y2="{height - 50}" stroke="{"#000" if e == 0 else "#ccc"}"/>')
        s.append(f'<text x="{xv:.1f}" y="{top - 12}" text-anchor="middle">{10 ** e:g}×</text>')
    y = top
    for r in rows:
        s.append(f'<text x="{left - 6}" y="{y + bar + 4}" text-anchor="end">{html.escape(r["name"])}</text>')
        for i, key in enumerate(("dbt/qemu", "interp/qemu")):
            v = r[key]
            yy = y + i * bar
            if v is None:
                continue
            x0, x1 = x(10 ** lo), x(v.v)
            s.append(f'<rect x="{x0:.1f}" y="{yy}" width="{max(x1 - x0, 1):.1f}" height="{bar - 1}" fill="{colors[key]}"'
                     + (' fill-opacity="0.45"' if v.bound else '') + '/>')
            s.append(f'<text x="{x1 + 3:.1f}" y="{yy + bar - 1}" font-size="9">{html.escape(v.fmt(1))}</text>')
        y += 2 * bar + gap
    ly = height - 30
    for i, (key, c) in enumerate(colors.items()):
        s.append(f'<rect x="{left + i * 160}" y="{ly}" width="12" height="10" fill="{c}"/>')
        s.append(f'<text x="{left + i * 160 + 16}" y="{ly + 9}">{key}</text>')
    s.append(f'<text x="{left + 330}" y="{ly + 9}" fill="#555">pale bar: a bound (a run hit the time limit)</text>')
    s.append(f'<text x="{left}" y="{height - 8}" fill="#555">{html.escape(meta.get("cpu", ["?"])[0])}; {html.escape(meta.get("date", ["?"])[0])}; {html.escape(meta.get("command", ["?"])[0])}</text>')
    s.append("</svg>")
    with open(f"{out}/report.svg", "w") as f:
        f.write("\n".join(s) + "\n")


def main():
    tsv, meta_path, out = sys.argv[1:4]
    cells, kinds = load(tsv)
    meta = read_meta(meta_path)
    rows = []
    for name, by_engine in cells.items():
        r = {"name": name, "kind": kinds[name]}
        for e in ENGINES:
            r[e] = median(by_engine[e]) if e in by_engine else None
        r["dbt/interp"] = ratio(r["dbt"], r["interp"])
        r["dbt/qemu"] = ratio(r["dbt"], r["qemu"])
        r["interp/qemu"] = ratio(r["interp"], r["qemu"])
        rows.append(r)
    write_markdown(out, rows, meta)
    write_svg(out, rows, meta)


if __name__ == "__main__":
    main()
