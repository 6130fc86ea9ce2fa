"""The data-free quality table (benchmarks/data-free-quality.sh): per budget and source, the blocks dropped, the
latency reduction compress reported and the fresh re-measurement, top-1 before finetuning and after; then each data-free
source against real images, and the Spearman rank correlation of the 12 blocks' recoverability R between sources.

usage: python3 benchmarks/summarize_data_free.py WORK     (writes WORK/summary.md too)
"""
import json
import pathlib
import sys

from summarize_quality import spearman  # Pearson correlation of the ranks, ties sharing their mean rank

SOURCES = ["real", "synthetic", "noise"]


def percent(x):
    return f"{100 * x:.1f}%"


def main(work):
    runs = {}
    for folder in sorted(work.iterdir()):
        report = folder / "out" / "practise.json"
        if not report.is_file():
            continue
        source, budget = folder.name.rsplit("-", 1)
        remeasure = folder / "remeasure.json"
        runs[(source, int(budget))] = (json.loads(report.read_text()),
                                       json.loads(remeasure.read_text()) if remeasure.is_file() else None)
    if not runs:
        sys.exit(f"{work}: no <source>-<budget>/out/practise.json yet")

    lines = ["| budget | training images | blocks dropped | reduction (compress, [low, high]) | re-measured, fresh process "
             "| top-1 teacher | pruned, no finetune | after finetune | Δ vs real |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for budget in sorted({budget for _, budget in runs}):
        real = runs.get(("real", budget))
        for source in SOURCES:
            if (source, budget) not in runs:
                continue
            report, remeasure = runs[(source, budget)]
            latency, accuracy = report["latency"], report["accuracy"]
            fresh = (f"{percent(remeasure['reduction'])} [{percent(remeasure['reduction_low'])}, "
                     f"{percent(remeasure['reduction_high'])}]") if remeasure else "not run"
            delta = "" if source == "real" or real is None else \
                f"{100 * (accuracy['top1_after'] - real[0]['accuracy']['top1_after']):+.2f} pt"
            lines.append(
                f"| {budget}% | {source} | {len(report['dropped_blocks'])}: {', '.join(report['dropped_blocks'])} "
                f"| {percent(latency['reduction'])} [{percent(latency['reduction_low'])}, {percent(latency['reduction_high'])}] "
                f"| {fresh} | {100 * accuracy['top1_before']:.2f}% | {100 * accuracy['top1_pruned_no_finetune']:.2f}% "
                f"| {100 * accuracy['top1_after']:.2f}% | {delta} |")

    # R does not depend on the budget: take each source's blocks from any of its runs.
    recoverability = {}
    for (source, _), (report, _) in runs.items():
        recoverability.setdefault(source, {block["block"]: block["criterion"] for block in report["blocks"]})
    lines += ["", "| recoverability ranking | Spearman ρ (12 blocks) |", "| --- | --- |"]
    for other in ["synthetic", "noise"]:
        if "real" in recoverability and other in recoverability:
            blocks = sorted(recoverability["real"])
            rho = spearman([recoverability["real"][b] for b in blocks], [recoverability[other][b] for b in blocks])
            lines.append(f"| {other} vs real | {rho:.2f} |")

    text = "\n".join(lines) + "\n"
    (work / "summary.md").write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/data-free-quality"))
