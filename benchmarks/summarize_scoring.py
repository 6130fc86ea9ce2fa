"""Reads ScoringSpeed JSON lines (every strategy of one configuration) and prints one markdown table row.

Columns: the reference loop's median wall time (min–max), then for each other strategy its median and its speed-up
over the reference (ratio of medians); peak RSS of each; whether every block's R agrees with the reference within 1e-4
relative and the rankings are identical.
"""
import json
import statistics
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
strategies = list(dict.fromkeys(r["strategy"] for r in rows))
by = {s: [r for r in rows if r["strategy"] == s] for s in strategies}
reference = by.pop("full")
t_ref = statistics.median(r["seconds"] for r in reference)


def close(a, b):
    return abs(a - b) <= 1e-4 * abs(b) or a == b


def agrees(runs):
    return all(
        all(close(i["scores"][b], f["scores"][b]) for b in f["scores"])
        and sorted(f["scores"], key=f["scores"].get) == sorted(i["scores"], key=i["scores"].get)
        for f in reference for i in runs)


def timing(runs):
    t = [r["seconds"] for r in runs]
    return f"{statistics.median(t):.1f} s ({min(t):.1f}–{max(t):.1f})"


first = reference[0]
cells = [f"{first['arch']}", f"{first['size']}²", f"{first['blocks']}", f"{first['iterations']} × batch {first['batch']}", timing(reference)]
for name, runs in by.items():
    cells.append(f"{timing(runs)}, **{t_ref / statistics.median(r['seconds'] for r in runs):.2f}×**")
cells.append(" / ".join(str(max(r["peak_rss_mb"] for r in runs)) for runs in [reference, *by.values()]) + " MiB")
cells.append("yes" if all(agrees(runs) for runs in by.values()) else "NO")
print("| " + " | ".join(cells) + " |")
