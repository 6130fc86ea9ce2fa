"""The example's manifest (examples/fashion-mnist/practise.yaml) with what a benchmark varies replaced, for the
harnesses that compare runs by one protocol (data-free-quality.sh, channel-quality.sh). The weights path is made
absolute and the output folder set, since the manifest moves; everything else stays as shipped.

usage: python3 benchmarks/example_manifest.py --budget PERCENT --output DIR [--train real|synthetic|noise]
                                              [--method blocks|channels|blocks+channels] [--compensate true|false]
"""
import argparse
import os
import re
import sys

EXAMPLE = "examples/fashion-mnist/practise.yaml"
TRAIN = {
    "synthetic": "    synthetic: { count: 100, steps: 2000, seed: 0 }\n",
    "noise": "    noise: { count: 100, seed: 0 }\n",
}


def replace_once(pattern, replacement, text, what):
    text, n = re.subn(pattern, replacement, text)
    assert n == 1, f"{EXAMPLE}: {what} not found"
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--budget", required=True, help="budget.latency-reduction, in percent")
    parser.add_argument("--output", required=True)
    parser.add_argument("--train", choices=["real", *TRAIN], default="real")
    parser.add_argument("--method", choices=["blocks", "channels", "blocks+channels"])
    parser.add_argument("--compensate", choices=["true", "false"], default="true")
    args = parser.parse_args()

    text = open(EXAMPLE).read()
    if args.train != "real":
        text = replace_once(r"(?m)^  train:\n    idx:\n      images: [^\n]*\n", "  train:\n" + TRAIN[args.train], text,
                            "data.train as the expected idx block")
    text = replace_once(r"(?m)^  latency-reduction: \d+%", f"  latency-reduction: {args.budget}%", text,
                        "budget.latency-reduction")
    if args.method is not None:
        settings = f"method: {args.method}\n"
        if args.method != "blocks":
            settings += f"channels: {{ compensate: {args.compensate} }}\n"
        text = replace_once(r"(?m)^budget:\n", settings + "\nbudget:\n", text, "the budget section")
    text = re.sub(r"(?m)^  weights: (\S+)",
                  lambda m: "  weights: " + os.path.abspath(os.path.join(os.path.dirname(EXAMPLE), m.group(1))), text)
    text = re.sub(r"(?m)^  dir: \S+", f"  dir: {os.path.abspath(args.output)}", text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
