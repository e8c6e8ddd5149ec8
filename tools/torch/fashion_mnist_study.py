#!/usr/bin/python3
"""The PyTorch side of dev.lrsched.bench.FashionMnistStudy: same data, network, policies, seeds and minibatch order.

Protocol: 784-256-10 MLP (ReLU; CrossEntropyLoss on the logits = DL4J softmax + MCXENT), the first 10,000
training images, batch 64, 10 epochs; test accuracy on the first 2,000 test images after every epoch; training
images 10,000-11,999 are the validation set only ReduceLROnPlateau looks at. Pixels / 255 (ToTensor()).
Per seed s (1..5): torch.manual_seed(s) before building the model (torch's default nn.Linear init, which the
DL4J side reproduces in distribution: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases) and, for
epoch e, the minibatch order permutation(10000, 1000 s + e) of javarandom.py, identical to the Java one.

Policies (SGD = SGD(momentum=0.9, nesterov=True), DL4J Nesterovs; "per iteration" = scheduler.step() per batch):
  const        SGD lr 0.05
  step         MultiStepLR(milestones=[5, 8], gamma=0.1), per epoch
  cos          CosineAnnealingLR(T_max=total steps), per iteration
  wcos         HF get_cosine_schedule_with_warmup(warmup = 1 epoch, total) as LambdaLR, per iteration
  1cyc-finder  OneCycleLR(max_lr = LR range test, total_steps, cycle_momentum=False)
  1cyc-fixed   OneCycleLR(max_lr = 0.2, ...)
  plateau      ReduceLROnPlateau(factor=0.5, patience=1) on the validation loss, per epoch
  adam         Adam(lr=1e-3); adam-wcos: Adam peak 1e-3 with the wcos schedule

The range test is lrsched's LearningRateFinder (= torch-lr-finder's range_test): a copy of the model, 100 steps
from 1e-5 to 10 (exponential) on the first 100 minibatches of epoch 0, smoothing 0.05, stop when the smoothed loss
exceeds 5x its minimum; the LR used is the steepest descent of the smoothed loss w.r.t. log10(lr) before its
minimum (window [10, argmin) with the minimum searched in [10, n - 5)), as FashionMnistStudy.findLr.

Run (one core, about 5 minutes):
    OMP_NUM_THREADS=1 nice /usr/bin/python3 tools/torch/fashion_mnist_study.py [--seeds 5] [--epochs 10] \
        [--data /usr/share/datasets/fashion-mnist] [--out benchmarks/target/fashion-mnist] [--policies const,cos] \
        [--sgd-lr 0.05]
Debian's python3-torch is built with BLAS_INFO=generic and links libblas.so.3, which is the slow reference BLAS
unless an optimised one provides it: `apt-get install libopenblas0-pthread` does, or run this script under
tools/torch/with-openblas.sh (the OpenBLAS that DL4J's nd4j-native uses), as docs/performance.md does for timings.
Writes <out>/torch-curves.csv (same layout as the Java study's dl4j-curves.csv).
"""
import argparse
import copy
import gzip
import math
import os
import statistics
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
from torch.optim import lr_scheduler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from javarandom import permutation  # noqa: E402

TRAIN, VALIDATION, TEST, BATCH = 10_000, 2_000, 2_000, 64
SGD_LR, MOMENTUM, ONE_CYCLE_FIXED_MAX, ADAM_LR = 0.05, 0.9, 0.2, 1e-3


def load(path, kind, start, count):
    with gzip.open(os.path.join(path, kind + "-images-idx3-ubyte.gz"), "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803 and rows == 28 and cols == 28 and n >= start + count
        f.read(start * 784)
        x = np.frombuffer(f.read(count * 784), dtype=np.uint8).reshape(count, 784).astype(np.float32) / 255.0
    with gzip.open(os.path.join(path, kind + "-labels-idx1-ubyte.gz"), "rb") as f:
        magic, n = struct.unpack(">II", f.read(8))
        assert magic == 0x801 and n >= start + count
        f.read(start)
        y = np.frombuffer(f.read(count), dtype=np.uint8).astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)


def mlp():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


def sgd(params, lr):
    return torch.optim.SGD(params, lr=lr, momentum=MOMENTUM, nesterov=True)


def hf_warmup_cosine(warmup, total):
    def f(step):  # transformers.get_cosine_schedule_with_warmup, num_cycles=0.5
        if step < warmup:
            return step / max(1, warmup)
        progress = (step - warmup) / max(1, total - warmup)
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * progress)))
    return f


def policies():
    # (key, name, baseline, optimizer(params, finder_lr), scheduler(opt, per_epoch, total, finder_lr), step mode)
    return [
        ("const", "SGD+momentum constant %g" % SGD_LR, "const", lambda p, f: sgd(p, SGD_LR), None, None),
        ("step", "SGD+m MultiStepLR([5, 8], 0.1)", "const", lambda p, f: sgd(p, SGD_LR),
         lambda o, n, t, f: lr_scheduler.MultiStepLR(o, milestones=[5, 8], gamma=0.1), "epoch"),
        ("cos", "SGD+m cosine (per iteration, to 0)", "const", lambda p, f: sgd(p, SGD_LR),
         lambda o, n, t, f: lr_scheduler.CosineAnnealingLR(o, T_max=t), "iter"),
        ("wcos", "SGD+m warmup 1 epoch + cosine", "const", lambda p, f: sgd(p, SGD_LR),
         lambda o, n, t, f: lr_scheduler.LambdaLR(o, hf_warmup_cosine(n, t)), "iter"),
        ("1cyc-finder", "SGD+m one-cycle, max = LR finder", "const", lambda p, f: sgd(p, f),
         lambda o, n, t, f: lr_scheduler.OneCycleLR(o, max_lr=f, total_steps=t, cycle_momentum=False), "iter"),
        ("1cyc-fixed", "SGD+m one-cycle, max = %g" % ONE_CYCLE_FIXED_MAX, "const", lambda p, f: sgd(p, ONE_CYCLE_FIXED_MAX),
         lambda o, n, t, f: lr_scheduler.OneCycleLR(o, max_lr=ONE_CYCLE_FIXED_MAX, total_steps=t, cycle_momentum=False), "iter"),
        ("plateau", "SGD+m constant + plateau (val loss, 0.5, patience 1)", "const", lambda p, f: sgd(p, SGD_LR),
         lambda o, n, t, f: lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=1), "plateau"),
        ("adam", "Adam constant %g" % ADAM_LR, "adam", lambda p, f: torch.optim.Adam(p, lr=ADAM_LR), None, None),
        ("adam-wcos", "Adam warmup 1 epoch + cosine, peak %g" % ADAM_LR, "adam", lambda p, f: torch.optim.Adam(p, lr=ADAM_LR),
         lambda o, n, t, f: lr_scheduler.LambdaLR(o, hf_warmup_cosine(n, t)), "iter"),
    ]


def find_lr(model, batches, start=1e-5, end=10.0, n=100, smooth=0.05, diverge=5.0):
    net = copy.deepcopy(model)
    opt = sgd(net.parameters(), start)
    loss_fn = nn.CrossEntropyLoss()
    lrs, smoothed = [], []
    best = float("inf")
    for i in range(n):
        lr = start * (end / start) ** (i / (n - 1))
        for g in opt.param_groups:
            g["lr"] = lr
        xb, yb = batches[i % len(batches)]
        loss = loss_fn(net(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        v = loss.item()
        if not math.isfinite(v):
            break
        s = v if i == 0 else smooth * v + (1 - smooth) * smoothed[-1]
        lrs.append(lr)
        smoothed.append(s)
        best = min(best, s)
        if s > diverge * best:
            break
    m = len(smoothed)
    skip_start, skip_end = min(10, m // 4), min(5, m // 8)
    lo, hi = skip_start, m - skip_end
    min_index = lo + int(np.argmin(smoothed[lo:hi]))
    x = np.log10(np.array(lrs[skip_start:min_index]))
    y = np.array(smoothed[skip_start:min_index])
    g = np.gradient(y, x)
    steep = skip_start + int(np.argmin(g))
    return lrs[steep], lrs[min_index]


def accuracy(model, x, y):
    with torch.no_grad():
        return float((model(x).argmax(1) == y).float().mean())


def run(policy, seed, epoch_batches, xval, yval, xte, yte, finder_lr):
    key, name, baseline, make_opt, make_sched, mode = policy
    torch.manual_seed(seed)
    model = mlp()
    per_epoch = len(epoch_batches[0])
    total = per_epoch * len(epoch_batches)
    opt = make_opt(model.parameters(), finder_lr)
    sched = make_sched(opt, per_epoch, total, finder_lr) if make_sched else None
    loss_fn = nn.CrossEntropyLoss()
    acc, ms, reductions = [], [], 0
    for batches in epoch_batches:
        t0 = time.perf_counter()
        model.train()
        for xb, yb in batches:
            loss = loss_fn(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if mode == "iter":
                sched.step()
        if mode == "epoch":
            sched.step()
        elif mode == "plateau":
            before = opt.param_groups[0]["lr"]
            with torch.no_grad():
                sched.step(loss_fn(model(xval), yval).item())
            reductions += opt.param_groups[0]["lr"] < before
        ms.append(1000 * (time.perf_counter() - t0))
        model.eval()
        acc.append(accuracy(model, xte, yte))
    return acc, ms, reductions


def sd(a):
    return statistics.stdev(a) if len(a) > 1 else 0.0


def epochs_to(runs, threshold):
    reached = [next((e + 1 for e, a in enumerate(r[0]) if a >= threshold), None) for r in runs]
    reached = [e for e in reached if e is not None]
    if not reached:
        return "never (0/%d)" % len(runs)
    return "%.1f (%d/%d)" % (statistics.mean(reached), len(reached), len(runs))


def main():
    global SGD_LR
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--out", default="benchmarks/target/fashion-mnist")
    ap.add_argument("--policies", default="")
    ap.add_argument("--sgd-lr", type=float, default=SGD_LR, help="base LR of the SGD policies")
    args = ap.parse_args()
    SGD_LR = args.sgd_lr
    torch.set_num_threads(1)
    t_start = time.time()
    xtr, ytr = load(args.data, "train", 0, TRAIN)
    xval, yval = load(args.data, "train", TRAIN, VALIDATION)
    xte, yte = load(args.data, "t10k", 0, TEST)
    ps = [p for p in policies() if not args.policies or p[0] in args.policies.split(",")]
    runs = {p[0]: [] for p in ps}
    finder = []
    for s in range(1, args.seeds + 1):
        epoch_batches = []
        for e in range(args.epochs):
            order = torch.tensor(permutation(TRAIN, 1000 * s + e))
            epoch_batches.append([(xtr[order[i:i + BATCH]], ytr[order[i:i + BATCH]]) for i in range(0, TRAIN, BATCH)])
        finder_lr = float("nan")
        if any(p[0] == "1cyc-finder" for p in ps):
            torch.manual_seed(s)
            finder_lr, min_lr = find_lr(mlp(), epoch_batches[0])
            finder.append(finder_lr)
            print("seed %d: LR finder suggests %.4g (min loss at %.4g)" % (s, finder_lr, min_lr), flush=True)
        for p in ps:
            r = run(p, s, epoch_batches, xval, yval, xte, yte, finder_lr)
            runs[p[0]].append(r)
            print("seed %d %-52s acc %s  %.0f ms/epoch" % (s, p[1], " ".join("%.3f" % a for a in r[0]),
                                                         statistics.median(r[1])), flush=True)
    print()
    print("torch %s, Fashion-MNIST, %d seeds: final test accuracy (%%) after %d epochs" % (torch.__version__, args.seeds, args.epochs))
    print("| policy | final acc mean ± sd | min – max | paired diff vs baseline (mean ± sd) | epochs to 85% (reached) "
          "| epochs to 87% (reached) | ms/epoch (median) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key, name, baseline, *_ in ps:
        fin = [r[0][-1] for r in runs[key]]
        diff = "-"
        if baseline != key and baseline in runs:
            d = [a - b for a, b in zip(fin, [r[0][-1] for r in runs[baseline]])]
            diff = "%+.2f ± %.2f (vs %s)" % (100 * statistics.mean(d), 100 * sd(d), baseline)
        label = name
        if key == "1cyc-finder":
            label += " (found %.3g – %.3g)" % (min(finder), max(finder))
        if key == "plateau":
            label += " (%.1f reductions)" % statistics.mean(r[2] for r in runs[key])
        ms = [m for r in runs[key] for m in r[1]]
        print("| %s | %.2f ± %.2f | %.2f – %.2f | %s | %s | %s | %.0f |" % (
            label, 100 * statistics.mean(fin), 100 * sd(fin), 100 * min(fin), 100 * max(fin), diff,
            epochs_to(runs[key], 0.85), epochs_to(runs[key], 0.87), statistics.median(ms)))
    print()
    print("Final test accuracy (%) per seed")
    print("| policy |" + "".join(" seed %d |" % s for s in range(1, args.seeds + 1)))
    print("|---|" + "---:|" * args.seeds)
    for key, *_ in ps:
        print("| %s |" % key + "".join(" %.2f |" % (100 * r[0][-1]) for r in runs[key]))
    os.makedirs(args.out, exist_ok=True)
    csv = os.path.join(args.out, "torch-curves.csv")
    with open(csv, "w") as f:
        f.write("policy,key,epoch,mean,sd" + "".join(",seed%d" % s for s in range(1, args.seeds + 1)) + "\n")
        for key, name, *_ in ps:
            for e in range(args.epochs):
                a = [r[0][e] for r in runs[key]]
                f.write('"%s",%s,%d,%.6f,%.6f' % (name, key, e + 1, statistics.mean(a), sd(a)) + "".join(",%.4f" % v for v in a) + "\n")
    print("wrote %s; total %.1f min" % (csv, (time.time() - t_start) / 60))


if __name__ == "__main__":
    main()
