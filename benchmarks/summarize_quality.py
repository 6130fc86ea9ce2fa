"""Reads the quality benchmark's results.jsonl and prints its markdown tables (docs/benchmarks.md, issue 7).

Only lines of the most recent teacher and settings are used (a key starts with teacher-hash|settings-tag), so a
results file that outlived a teacher or an iteration change never mixes two runs. Latency reductions come from
latency.final.json beside it (every chosen network timed in one session, `Quality remeasure`) where it covers a cell,
else from the cell's own timing.
"""
import json
import os
import statistics
import sys
from collections import defaultdict

ORDER = ["practise", "l2", "kl", "first+ce", "random", "no-finetune"]
LABEL = {
    "practise": "PRACTISE (R/τ, feature finetune)",
    "l2": "L2 distance, feature finetune",
    "kl": "KL / CURL-style, feature finetune",
    "first+ce": "drop first + cross-entropy (BP block)",
    "random": "random, feature finetune",
    "no-finetune": "PRACTISE's selection, no finetune",
}


def load(path):
    lines = []
    with open(path) as f:
        for text in f:
            try:
                lines.append(json.loads(text))
            except json.JSONDecodeError:
                pass  # a line cut short by a kill; that unit reruns
    if not lines:
        sys.exit(f"{path}: no results yet")
    run = lines[-1]["key"].split("|")[:2]
    kept = [line for line in lines if line["key"].split("|")[:2] == run]
    if len(kept) < len(lines):
        print(f"(ignoring {len(lines) - len(kept)} lines of another teacher or settings)", file=sys.stderr)
    return kept, run


FINAL = {}  # dropped-set key -> reduction, from latency.final.json of the same run


def load_final(results_path, run):
    path = os.path.join(os.path.dirname(os.path.abspath(results_path)), "latency.final.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        final = json.load(f)
    if final.get("run") != "|".join(run) + "|":
        return None
    FINAL.update({key: v["reduction"] for key, v in final["variants"].items()})
    return final


def network(cell):
    """The dropped set as latency.final.json names it (LatencyProfile.Key: sorted, comma-joined)."""
    return ",".join(sorted(cell["dropped"]))


def reduction(cell):
    return FINAL.get(network(cell), cell["latency"]["reduction"])


def mean_std(values, scale=100, digits=2):
    if not values:
        return "—"
    m = statistics.mean(values) * scale
    if len(values) < 2:
        return f"{m:.{digits}f}"
    return f"{m:.{digits}f} ± {statistics.stdev(values) * scale:.{digits}f}"


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1  # ties share their average rank
        i = j + 1
    return result


def spearman(x, y):
    if len(x) < 3:
        return float("nan")
    rx, ry = ranks(x), ranks(y)
    mx, my = statistics.mean(rx), statistics.mean(ry)
    num = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    den = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return num / den if den else float("nan")


def cell_tables(cells):
    # by (images, budget, combination) -> {seed: line}
    grid = defaultdict(dict)
    for c in cells:
        if "error" in c:
            continue
        grid[(c["images"], c["budget"], c["combination"])][c["seed"]] = c
        if c["combination"] == "practise":
            grid[(c["images"], c["budget"], "no-finetune")][c["seed"]] = dict(c, top1=c["top1_no_finetune"])
    sizes = sorted({c["images"] for c in cells})
    budgets = sorted({c["budget"] for c in cells})
    present = [name for name in ORDER if any(k[2] == name for k in grid)]
    teacher = [c["top1_teacher"] for c in cells if "top1_teacher" in c]
    if teacher:
        print(f"Teacher top-1: {teacher[0] * 100:.2f}% ({cells[0].get('test_images', '?')} test images).\n")
    for size in sizes:
        seeds = sorted({c["seed"] for c in cells if c["images"] == size})
        print(f"#### {size} images ({len(seeds)} seed{'s' if len(seeds) > 1 else ''}): test top-1 % (mean ± std over seeds) · measured latency change vs the teacher · blocks dropped\n")
        print("| combination | " + " | ".join(f"budget {b * 100:.0f}%" for b in budgets) + " |")
        print("| --- |" + " --- |" * len(budgets))
        for name in present:
            row = []
            for b in budgets:
                runs = list(grid.get((size, b, name), {}).values())
                if not runs:
                    row.append("—")
                    continue
                change = -statistics.mean(reduction(r) for r in runs) * 100
                blocks = statistics.mean(len(r["dropped"]) for r in runs)
                text = mean_std([r["top1"] for r in runs])
                row.append(f"{'**' + text + '**' if name == 'practise' else text} · {change:+.1f}% · {blocks:.3g} blk")
            print(f"| {LABEL[name]} | " + " | ".join(row) + " |")
        print()
    errors = [c for c in cells if "error" in c]
    for c in errors:
        print(f"- unreachable: {c['images']} images seed {c['seed']}, budget {c['budget'] * 100:.0f}%, {c['combination']}: {c['error']}")
    if errors:
        print()
    return grid, sizes, budgets, present


def margin_table(grid, sizes, budgets, present):
    columns = [(s, b) for s in sizes for b in budgets]
    print("#### PRACTISE's margin over each baseline: top-1 points (paired by seed; mean ± std where several seeds)\n")
    print("| baseline | " + " | ".join(f"{s} img, {b * 100:.0f}%" for s, b in columns) + " |")
    print("| --- |" + " --- |" * len(columns))
    for name in present:
        if name == "practise":
            continue
        row = []
        for s, b in columns:
            ours, theirs = grid.get((s, b, "practise"), {}), grid.get((s, b, name), {})
            diffs = [ours[seed]["top1"] - theirs[seed]["top1"] for seed in sorted(ours) if seed in theirs]
            row.append("—" if not diffs else ("+" if statistics.mean(diffs) >= 0 else "") + mean_std(diffs))
        print(f"| {LABEL[name]} | " + " | ".join(row) + " |")
    print()


def practise_at(points, reduction):
    """PRACTISE's top-1 at a measured latency reduction, linear between its cells (the teacher is the point at 0)."""
    points = sorted(points)
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= reduction <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (reduction - x0) / (x1 - x0)
    return None  # outside what PRACTISE's cells measured: no extrapolation


def matched_table(grid, sizes, budgets, present):
    """Budgets are met unevenly (each criterion stops at the first prefix the profile says is fast enough, and
    measured latencies scatter), so this compares each baseline cell with PRACTISE at the same measured speed."""
    columns = [(s, b) for s in sizes for b in budgets]
    print("#### Latency-matched margin: PRACTISE's top-1 interpolated at the baseline cell's measured latency reduction, minus the baseline's (points; paired by seed)\n")
    print("| baseline | " + " | ".join(f"{s} img, {b * 100:.0f}%" for s, b in columns) + " |")
    print("| --- |" + " --- |" * len(columns))
    for name in present:
        if name in ("practise", "no-finetune"):
            continue
        row = []
        for s, b in columns:
            diffs = []
            for seed, theirs in grid.get((s, b, name), {}).items():
                ours = [grid[(s, bb, "practise")][seed] for bb in budgets if seed in grid.get((s, bb, "practise"), {})]
                if not ours:
                    continue
                points = [(0.0, ours[0]["top1_teacher"])] + [(reduction(c), c["top1"]) for c in ours]
                at = practise_at(points, reduction(theirs))
                if at is not None:
                    diffs.append(at - theirs["top1"])
            total = len(grid.get((s, b, name), {}))
            text = "—" if not diffs else ("+" if statistics.mean(diffs) >= 0 else "") + mean_std(diffs)
            row.append(text + (f" ({len(diffs)} of {total})" if diffs and len(diffs) < total else ""))
        print(f"| {LABEL[name]} | " + " | ".join(row) + " |")
    print("\n— : the baseline's measured reduction lies beyond every PRACTISE cell of that set (no extrapolation).\n")


def single_table(singles, teacher):
    if not singles:
        return
    first = singles[0]
    print(f"#### Single-block drops ({first['images']} images, seed {first['seed']}, {first['finetune_iterations']} finetuning steps): R vs test loss after finetuning\n")
    if teacher:
        print(f"Teacher: top-1 {teacher['top1'] * 100:.2f}%, test cross-entropy {teacher['cross_entropy']:.4f}.\n")
    print("| block | τ | R | top-1 % | top-1 error % | test cross-entropy |")
    print("| --- | --- | --- | --- | --- | --- |")
    for s in sorted(singles, key=lambda s: s["r"]):
        tau = f"{s['tau'] * 100:.2f}%" + ("" if s["tau_measurable"] else " (no measurable gain)")
        print(f"| {s['block']} | {tau} | {s['r']:.4g} | {s['top1'] * 100:.2f} | {(1 - s['top1']) * 100:.2f} | {s['cross_entropy']:.4f} |")
    r = [s["r"] for s in singles]
    print()
    print(f"Spearman ρ over {len(singles)} blocks: R vs test cross-entropy **{spearman(r, [s['cross_entropy'] for s in singles]):+.3f}**, "
          f"R vs top-1 error **{spearman(r, [1 - s['top1'] for s in singles]):+.3f}**.\n")


def timings(cells, singles):
    done = [c for c in cells if "seconds" in c]
    if done:
        per = defaultdict(list)
        for c in done:
            per[c["combination"]].append(c["seconds"])
        parts = ", ".join(f"{k} {statistics.mean(v):.0f} s" for k, v in per.items())
        print(f"Wall time: {len(done)} cells, {sum(c['seconds'] for c in done) / 60:.1f} min (mean per cell: {parts}); "
              f"{len(singles)} single-block finetunes, {sum(s['seconds'] for s in singles) / 60:.1f} min.")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "artifacts/quality/results.jsonl"
    lines, run = load(path)
    cells = [line for line in lines if line["kind"] == "cell"]
    singles = [line for line in lines if line["kind"] == "single"]
    teacher = next((line for line in lines if line["kind"] == "teacher"), None)
    print(f"Teacher {run[0]}…, settings {run[1]}.\n")
    final = load_final(path, run)
    if final:
        covered = sum(1 for c in cells if "dropped" in c and network(c) in FINAL)
        print(f"Latency: the teacher and {len(final['variants'])} pruned networks timed in one interleaved session of {final['repeats']} rounds "
              f"(batch {final['batch']}, {final['threads']} threads; teacher median {final['teacher_ms']:.2f} ms); {covered} of {len(cells)} cells covered, the rest use their own timing.\n")
    if cells:
        grid, sizes, budgets, present = cell_tables(cells)
        margin_table(grid, sizes, budgets, present)
        matched_table(grid, sizes, budgets, present)
    single_table(singles, teacher)
    timings(cells, singles)


if __name__ == "__main__":
    main()
