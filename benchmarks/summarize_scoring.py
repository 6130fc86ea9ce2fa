"""Reads ScoringSpeed JSON lines (both strategies of one configuration) and prints one markdown table row."""
import json
import statistics
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
full = [r for r in rows if r["strategy"] == "full"]
inc = [r for r in rows if r["strategy"] == "incremental"]
tf = [r["seconds"] for r in full]
ti = [r["seconds"] for r in inc]


def close(a, b):
    return abs(a - b) <= 1e-4 * abs(b) or a == b


agree = all(close(i["scores"][b], f["scores"][b]) for f, i in zip(full, inc) for b in f["scores"])
same_rank = all(sorted(f["scores"], key=f["scores"].get) == sorted(i["scores"], key=i["scores"].get) for f, i in zip(full, inc))
r = full[0]
speedup = statistics.median(tf) / statistics.median(ti)
print(
    f"| {r['arch']} | {r['size']}² | {r['blocks']} | {r['iterations']} × batch {r['batch']} | "
    f"{statistics.median(tf):.1f} s ({min(tf):.1f}–{max(tf):.1f}) | {statistics.median(ti):.1f} s ({min(ti):.1f}–{max(ti):.1f}) | "
    f"{speedup:.2f}× | {max(x['peak_rss_mb'] for x in full)} / {max(x['peak_rss_mb'] for x in inc)} MiB | "
    f"{'yes' if agree and same_rank else 'NO'} |"
)
