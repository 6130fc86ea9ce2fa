"""The channel pruning quality table (benchmarks/channel-quality.sh): per budget and method, the blocks dropped, the
share of hidden channels removed (and the ranking that chose them), the measured latency reduction, top-1 before finetuning and after.

usage: python3 benchmarks/summarize_channels.py WORK     (writes WORK/summary.md too)
"""
import json
import pathlib
import sys

VARIANTS = {"channels-plain": "channels, no compensation", "channels": "channels, compensated",
            "blocks": "blocks (PRACTISE)", "blocks+channels": "blocks+channels"}


def main(work):
    runs = {}
    for folder in work.iterdir():
        report = folder / "out" / "practise.json"
        if report.is_file():
            variant, budget = folder.name.rsplit("-", 1)
            runs[(int(budget), list(VARIANTS).index(variant))] = (variant, json.loads(report.read_text()))
    if not runs:
        sys.exit(f"{work}: no <method>-<budget>/out/practise.json yet")
    lines = ["| budget | method | blocks dropped | channels removed | reduction (90% interval) "
             "| top-1 teacher | before finetune | after finetune |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for key in sorted(runs):
        variant, report = runs[key]
        latency, accuracy = report["latency"], report["accuracy"]
        channels = report.get("channels")
        ratio = f"{100 * channels['ratio']:.0f}% ({channels.get('ranking', 'per-layer')})" if channels else "—"
        dropped = report["dropped_blocks"]
        lines.append(
            f"| {key[0]}% | {VARIANTS[variant]} | {len(dropped)}{': ' + ', '.join(dropped) if dropped else ''} | {ratio} "
            f"| {100 * latency['reduction']:.1f}% [{100 * latency['reduction_low']:.1f}, {100 * latency['reduction_high']:.1f}] "
            f"| {100 * accuracy['top1_before']:.2f}% | {100 * accuracy['top1_pruned_no_finetune']:.2f}% "
            f"| {100 * accuracy['top1_after']:.2f}% |")
    text = "\n".join(lines) + "\n"
    (work / "summary.md").write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/channel-quality"))
