"""PyTorch's own reading of a latency saving, as a reference for ours (docs/benchmarks.md, Quality: Latency).

Times the CIFAR-style ResNet-32 of the example (1×28×28 input, batch 64, 2 threads, eval, no_grad) with four layer-1
blocks dropped against the full network, interleaved in shuffled rounds like Practise's LatencyMeter, in sessions of
2, 14 and 13 variants (the pair alone; with every single drop; with forward-order prefixes). Weights are seeded
random: latency does not depend on their values. Needs python3-torch (Debian); never used by the tool.
    OMP_WAIT_POLICY=PASSIVE python3 benchmarks/latency_reference.py [sessions per kind, default 2]
"""
import random
import statistics
import sys
import time

import torch
from torch import nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1, self.bn1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout)
        self.conv2, self.bn2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout)
        same = stride == 1 and cin == cout
        self.down = None if same else nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))
        return torch.relu(y + (x if self.down is None else self.down(x)))


def resnet32(dropped=()):
    torch.manual_seed(0)
    layers, cin = [nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU()], 16
    for stage, width in enumerate([16, 32, 64], 1):
        for index in range(5):
            block = Block(cin, width, 2 if index == 0 and stage > 1 else 1)
            cin = width
            if f"layer{stage}.{index}" not in dropped:
                layers.append(block)
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)).eval()


LAYER1 = ("layer1.1", "layer1.2", "layer1.3", "layer1.4")
DROPPABLE = LAYER1 + tuple(f"layer{s}.{i}" for s in (2, 3) for i in range(1, 5))
SESSIONS = {
    "pair": [(), LAYER1],
    "singles": [(), LAYER1] + [(block,) for block in DROPPABLE],
    "prefixes": [(), LAYER1] + [DROPPABLE[:k] for k in range(1, 13) if k != 4],
}


def session(variants, rounds=30, warmup=3, seed=0):
    """Median milliseconds per variant; every round times each variant once, in a freshly shuffled order."""
    models = [resnet32(v) for v in variants]
    x = torch.rand(64, 1, 28, 28, generator=torch.Generator().manual_seed(seed)) * 2 - 1
    order, samples = list(range(len(models))), [[] for _ in models]
    shuffle = random.Random(seed)
    with torch.no_grad():
        for model in models:
            for _ in range(warmup):
                model(x)
        for _ in range(rounds):
            shuffle.shuffle(order)
            for i in order:
                start = time.perf_counter()
                output = models[i](x)
                del output  # the release is part of the cost, as in LatencyMeter
                samples[i].append((time.perf_counter() - start) * 1000)
    return [statistics.median(s) for s in samples]


torch.set_num_threads(2)
for repeat in range(int(sys.argv[1]) if len(sys.argv) > 1 else 2):
    for name, variants in SESSIONS.items():
        teacher, pruned = session(variants, seed=repeat)[:2]
        print(f"{name:8s} session {repeat}: teacher {teacher:6.2f} ms, layer1.1-4 dropped {pruned:6.2f} ms, "
              f"reduction {1 - pruned / teacher:.1%}", flush=True)
