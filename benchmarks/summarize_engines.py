"""Reads engine-speed.sh's JSON lines and prints one markdown row per configuration and strategy: wall time and peak
RSS of both builds as medians (min–max), the ratios this ÷ other of the medians, and whether both ranked the blocks
identically (R itself differs between libtorch versions in the last digits)."""
import json
import statistics
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
keys = list(dict.fromkeys((r["run"]["arch"], r["run"]["size"], r["run"]["strategy"]) for r in rows))


def spread(values, unit, digits):
    return f"{statistics.median(values):.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def ranking(run):
    return sorted(run["scores"], key=run["scores"].get)


print("| model | input | strategy | this: wall | other: wall | wall ratio | this: peak RSS | other: peak RSS | RSS ratio | same ranking |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for arch, size, strategy in keys:
    runs = {engine: [r["run"] for r in rows if r["engine"] == engine and (r["run"]["arch"], r["run"]["size"], r["run"]["strategy"]) == (arch, size, strategy)]
            for engine in ("this", "other")}
    wall = {engine: [run["seconds"] for run in runs[engine]] for engine in runs}
    rss = {engine: [run["peak_rss_mb"] for run in runs[engine]] for engine in runs}
    same = all(ranking(a) == ranking(b) for a in runs["this"] for b in runs["other"])
    print(f"| {arch} | {size}² | {strategy} | {spread(wall['this'], 's', 1)} | {spread(wall['other'], 's', 1)} | "
          f"**{statistics.median(wall['this']) / statistics.median(wall['other']):.2f}×** | {spread(rss['this'], 'MiB', 0)} | "
          f"{spread(rss['other'], 'MiB', 0)} | {statistics.median(rss['this']) / statistics.median(rss['other']):.2f}× | {'yes' if same else 'no'} |")
