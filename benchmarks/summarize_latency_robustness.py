"""Prints the latency-robustness table (issue 14) for docs/benchmarks.md and writes it to WORK/summary.md.

Reads, per run folder WORK/<condition>-<run>/ that benchmarks/latency-robustness.sh finished: run.json (exit code,
wall time), out/practise.json (what compress chose and reported), remeasure.json (the chosen network timed afresh on
the quiet machine), compress.log (the noise error's code) and vmstat*.txt (hypervisor steal). Every field may be
missing: a failed run has no practise.json, an older tool fewer latency fields.

A run passes when compress either failed with the noise error (exit 7 and PRAC2007 in its log), or succeeded with
  - a block count within ±1 of the median of the quiet runs' counts,
  - a re-measured reduction ≥ the budget − 3 points, and
  - top-1 after ≥ top-1 before − 1.5 points.
Always exits 0: it reports, the reader judges.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import time

CONDITION_ORDER = ["quiet", "busy", "bursty"]
DEFAULT_BUDGET = 0.40
REDUCTION_SLACK = 0.03
TOP1_SLACK = 0.015
BLOCK_SLACK = 1
NOISE_EXIT_CODE = 7
NOISE_ERROR = "PRAC2007"


def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, json.JSONDecodeError):
        return None


def field(document, *path):
    """document[path[0]][path[1]]…, or None where any step is missing or null."""
    for key in path:
        if not isinstance(document, dict):
            return None
        document = document.get(key)
    return document


def mean_steal(path):
    """Mean of vmstat's `st` column, skipping the first sample (averages since boot); None without later samples."""
    try:
        with open(path) as f:
            lines = [line.split() for line in f]
    except OSError:
        return None
    header = next((line for line in lines if "st" in line and "us" in line), None)
    if header is None:
        return None
    column = header.index("st")
    samples = [float(line[column]) for line in lines if line and line[0].isdigit() and len(line) > column]
    return statistics.mean(samples[1:]) if len(samples) > 1 else None


def machine(work):
    facts = read_json(os.path.join(work, "machine.json"))
    if facts:
        return facts
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), model)
    except OSError:
        pass
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": model, "date": time.strftime("%Y-%m-%d %H:%M %Z"), "commit": commit or "?"}


def load_runs(work):
    runs = []
    for name in os.listdir(work):
        folder = os.path.join(work, name)
        match = re.fullmatch(r"(.+)-(\d+)", name)
        if not match or not os.path.isdir(folder):
            continue
        record = read_json(os.path.join(folder, "run.json"))
        if record is None:
            print(f"({name}: no run.json, unfinished; left out)", file=sys.stderr)
            continue
        try:
            with open(os.path.join(folder, "compress.log"), errors="replace") as f:
                noise_error = NOISE_ERROR in f.read()
        except OSError:
            noise_error = False
        runs.append({
            "condition": record.get("condition", match.group(1)),
            "run": record.get("run", int(match.group(2))),
            "exit_code": record.get("exit_code"),
            "wall": record.get("wall_seconds"),
            "report": read_json(os.path.join(folder, "out", "practise.json")),
            "remeasure": read_json(os.path.join(folder, "remeasure.json")),
            "noise_error": noise_error,
            "steal": mean_steal(os.path.join(folder, "vmstat.txt")),
            "remeasure_steal": mean_steal(os.path.join(folder, "vmstat-remeasure.txt")),
        })
    order = {condition: i for i, condition in enumerate(CONDITION_ORDER)}
    runs.sort(key=lambda run: (order.get(run["condition"], len(order)), run["condition"], run["run"]))
    return runs


def blocks(run):
    dropped = field(run["report"], "dropped_blocks")
    return len(dropped) if isinstance(dropped, list) else None


def budget_of(runs):
    return next((field(run["report"], "latency", "required_reduction") for run in runs
                 if field(run["report"], "latency", "required_reduction") is not None), DEFAULT_BUDGET)


def verdict(run, quiet_median, budget):
    """(passed, why)."""
    if run["exit_code"] == NOISE_EXIT_CODE:
        return (True, "noise error (PRAC2007)") if run["noise_error"] else (False, f"exit 7 without {NOISE_ERROR} in the log")
    if run["exit_code"] != 0:
        return False, f"exit {run['exit_code']}" + (f" with {NOISE_ERROR}" if run["noise_error"] else "")
    if run["report"] is None:
        return False, "no practise.json"
    problems = []
    count = blocks(run)
    if quiet_median is None:
        problems.append("no quiet runs to compare blocks with")
    elif count is None or abs(count - quiet_median) > BLOCK_SLACK:
        problems.append(f"{count} blocks vs quiet median {quiet_median:g}")
    remeasured = field(run["remeasure"], "reduction")
    required = (field(run["report"], "latency", "required_reduction") or budget) - REDUCTION_SLACK
    if remeasured is None:
        problems.append("not re-measured")
    elif remeasured < required:
        problems.append(f"re-measured {remeasured:.1%} < {required:.1%}")
    before, after = field(run["report"], "accuracy", "top1_before"), field(run["report"], "accuracy", "top1_after")
    if before is None or after is None:
        problems.append("no top-1")
    elif after < before - TOP1_SLACK:
        problems.append(f"top-1 {100 * (after - before):+.2f} pt")
    return (False, "; ".join(problems)) if problems else (True, "within ±1 block, budget and top-1")


def percent_interval(value, low, high):
    if value is None:
        return "–"
    interval = f" [{100 * low:.1f}, {100 * high:.1f}]" if low is not None and high is not None else ""
    return f"{100 * value:.1f}%{interval}"


def number(value, digits=0):
    return "–" if value is None else f"{value:.{digits}f}"


def row(run, quiet_median, budget):
    report, remeasure = run["report"], run["remeasure"]
    latency = field(report, "latency") or {}
    count = blocks(run)
    predicted = latency.get("predicted_blocks")
    dropped = "–" if count is None else f"{count}" + (f" (predicted {predicted})" if predicted is not None else "")
    met = {True: "yes", False: "no"}.get(latency.get("budget_met"), "–")
    rounds = "–"
    if latency.get("rounds") is not None:
        rounds = f"{latency['rounds']} / {number(latency.get('set_aside_rounds'))}"
        rounds += " disturbed" if latency.get("disturbed") else ""
        rounds += " (2nd session)" if latency.get("remeasured") else ""
    fresh = percent_interval(field(remeasure, "reduction"), field(remeasure, "reduction_low"), field(remeasure, "reduction_high"))
    if field(remeasure, "disturbed"):
        fresh += " disturbed"
    before, after = field(report, "accuracy", "top1_before"), field(report, "accuracy", "top1_after")
    top1 = "–" if before is None or after is None else f"{100 * before:.2f} → {100 * after:.2f}"
    steal = f"{number(run['steal'], 1)} / {number(run['remeasure_steal'], 1)}"
    passed, why = verdict(run, quiet_median, budget)
    return [run["condition"], str(run["run"]), number(run["exit_code"]), number(run["wall"]), dropped,
            percent_interval(latency.get("reduction"), latency.get("reduction_low"), latency.get("reduction_high")),
            met, rounds, fresh, top1, steal, ("pass" if passed else "**fail**") + f": {why}"]


def summarize(work):
    runs = load_runs(work) if os.path.isdir(work) else []
    if not runs:
        return f"{work}: no finished runs yet\n"
    budget = budget_of(runs)
    quiet_counts = [blocks(run) for run in runs if run["condition"] == "quiet" and run["exit_code"] == 0 and blocks(run) is not None]
    quiet_median = statistics.median(quiet_counts) if quiet_counts else None
    rounds = next((field(run["remeasure"], "rounds") for run in runs if field(run["remeasure"], "rounds") is not None), "?")
    facts = machine(work)
    lines = [
        f"Machine: {facts.get('nproc')} cores, {facts.get('cpu')}; {facts.get('date')}; commit {facts.get('commit')}.",
        "",
        f"Budget {budget:.0%} lower latency. A run passes with a block count within ±{BLOCK_SLACK} of the quiet runs' median "
        f"({'none' if quiet_median is None else f'{quiet_median:g}'}), a re-measured reduction ≥ {budget - REDUCTION_SLACK:.0%} "
        f"({rounds} interleaved rounds in a fresh process on the quiet machine) and top-1 ≥ teacher − {100 * TOP1_SLACK:g} pt; "
        f"or by failing with the noise error (exit {NOISE_EXIT_CODE}, {NOISE_ERROR}).",
        "",
    ]
    conditions = list(dict.fromkeys(run["condition"] for run in runs))
    for condition in conditions:
        mine = [run for run in runs if run["condition"] == condition]
        walls = [run["wall"] for run in mine if run["wall"] is not None]
        passed = sum(verdict(run, quiet_median, budget)[0] for run in mine)
        wall = f"median wall {statistics.median(walls):.0f} s" if walls else "no wall times"
        lines.append(f"- {condition}: {wall} over {len(mine)} runs; {passed}/{len(mine)} pass")
    lines.append("")
    header = ["condition", "run", "exit", "wall s", "blocks dropped", "reported reduction [90%]", "budget met (confident)",
              "rounds / set aside", "re-measured reduction [90%]", "top-1 before → after", "steal % (run / re-measure)", "verdict"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("| " + " | ".join("---" for _ in header) + " |")
    for run in runs:
        lines.append("| " + " | ".join(row(run, quiet_median, budget)) + " |")
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: summarize_latency_robustness.py WORK")
    work = sys.argv[1]
    text = summarize(work)
    print(text, end="")
    if os.path.isdir(work):
        with open(os.path.join(work, "summary.md"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
