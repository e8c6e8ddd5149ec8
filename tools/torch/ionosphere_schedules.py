#!/usr/bin/python3
"""The PyTorch side of SeedArticleDemo: the seed article's ionosphere experiment, 7 LR policies x N splits.

Protocol (identical to dev.lrsched.samples.SeedArticleDemo): 34-34-1 MLP (ReLU, sigmoid), BCELoss, SGD lr 0.1,
batch 24, 50 epochs; split k (seed k = 1..N) is the Java Fisher-Yates permutation of java.util.Random(k)
(javarandom.py reproduces it bit for bit, so both sides train and test on the same rows), the first
floor(0.7 * 351) = 245 rows train, the other 106 test; minibatches in that fixed order every epoch (the article
does not shuffle); torch.manual_seed(k) before building the model (torch's default nn.Linear init); test
accuracy = mean(round(sigmoid) == y). scheduler.step() once per epoch, as in the article; ReduceLROnPlateau
steps with the epoch's mean minibatch loss (the protocol has no validation set).

The article iterates `for start in torch.arange(0, len(X), 24)` over the *whole* data length, so its last 5
minibatches are empty slices of X_train: their loss is NaN but their gradients are zero, so with plain SGD they
change nothing. This script iterates over the training rows only, which trains identically.

Run (about a minute on one core):
    OMP_NUM_THREADS=1 /usr/bin/python3 tools/torch/ionosphere_schedules.py [--splits 10] [--epochs 50] [--log]
Needs torch 1.13 (Debian python3-torch); reads samples/src/main/resources/dev/lrsched/samples/data/ionosphere.csv.
"""
import argparse
import math
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.optim as optim
from torch.optim import lr_scheduler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from javarandom import permutation  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CSV = os.path.join(ROOT, "samples/src/main/resources/dev/lrsched/samples/data/ionosphere.csv")
LR = 0.1
BATCH = 24


def load(path):
    x, y = [], []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            parts = line.split(",")
            x.append([float(v) for v in parts[:34]])
            y.append(1.0 if parts[34].strip().lower() == "g" else 0.0)  # LabelEncoder: b -> 0, g -> 1
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32).reshape(-1, 1)


def policies(epochs):
    w = min(5, epochs - 1)

    def warmup_cosine(e):  # = lrsched Schedules.warmupCosine(EPOCH, 0.01, 0.1, 0, w, epochs), as a factor of 0.1
        if e < w:
            return 0.1 + 0.9 * e / w
        return 0.5 * (1 + math.cos(math.pi * (e - w) / (epochs - w))) if e <= epochs else 0.0

    return [
        ("constant", lambda o: None, None),
        ("LinearLR(1.0 -> 0.5, 30)", lambda o: lr_scheduler.LinearLR(o, start_factor=1.0, end_factor=0.5, total_iters=30), None),
        ("ExponentialLR(0.99)", lambda o: lr_scheduler.ExponentialLR(o, gamma=0.99), None),
        ("LambdaLR(1/(1+0.01 e))", lambda o: lr_scheduler.LambdaLR(o, lambda e: 1 / (1 + 0.01 * e)), None),
        ("CosineAnnealingLR(%d)" % epochs, lambda o: lr_scheduler.CosineAnnealingLR(o, T_max=epochs), None),
        ("warmup %d + cosine" % w, lambda o: lr_scheduler.LambdaLR(o, warmup_cosine), None),
        ("constant + ReduceLROnPlateau(0.5, 5)", lambda o: lr_scheduler.ReduceLROnPlateau(o, factor=0.5, patience=5), "train"),
    ]


def run(make_scheduler, plateau_on, xtr, ytr, xte, yte, epochs, seed, log):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(34, 34), nn.ReLU(), nn.Linear(34, 1), nn.Sigmoid())
    loss_fn = nn.BCELoss()
    optimizer = optim.SGD(model.parameters(), lr=LR)
    scheduler = make_scheduler(optimizer)
    reductions = 0
    for epoch in range(epochs):
        model.train()
        losses = []
        for start in range(0, len(xtr), BATCH):
            xb, yb = xtr[start:start + BATCH], ytr[start:start + BATCH]
            loss = loss_fn(model(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        before = optimizer.param_groups[0]["lr"]
        if plateau_on == "train":
            scheduler.step(sum(losses) / len(losses))
        elif scheduler is not None:
            scheduler.step()
        after = optimizer.param_groups[0]["lr"]
        if plateau_on and after < before:
            reductions += 1
        if log:
            print("Epoch %d: SGD lr %.4f -> %.4f" % (epoch, before, after))
    model.eval()
    with torch.no_grad():
        acc = float((model(xte).round() == yte).float().mean())
    return acc, reductions


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--splits", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=50)
    ap.add_argument("--log", action="store_true", help="print the article's Epoch N lines for split 1")
    ap.add_argument("--csv", default=CSV)
    args = ap.parse_args()
    torch.set_num_threads(1)
    x, y = load(args.csv)
    n = len(x)
    n_train = int(math.floor(0.7 * n))
    ps = policies(args.epochs)
    acc = [[0.0] * args.splits for _ in ps]
    red = [[0] * args.splits for _ in ps]
    t0 = time.time()
    for k in range(args.splits):
        seed = k + 1
        order = torch.tensor(permutation(n, seed))
        tr, te = order[:n_train], order[n_train:]
        for p, (name, make, plateau_on) in enumerate(ps):
            if args.log and k == 0:
                print("==", name)
            acc[p][k], red[p][k] = run(make, plateau_on, x[tr], y[tr], x[te], y[te], args.epochs, seed, args.log and k == 0)
    secs = time.time() - t0
    short = ["const", "Linear", "Exp", "Lambda", "Cos", "WCos", "Plat"]
    print("torch %s, %d test rows (one row = %.2f points), %d epochs" % (torch.__version__, n - n_train, 100 / (n - n_train), args.epochs))
    print("| split |" + "".join(" %6s |" % s for s in short))
    print("|---:|" + "---:|" * len(short))
    for k in range(args.splits):
        print("| %5d |" % (k + 1) + "".join(" %6.2f |" % (100 * acc[p][k]) for p in range(len(ps))))
    print()
    print("| policy | mean | sd | min | max | paired diff mean | paired diff sd | better / same / worse |")
    print("|---|---:|---:|---:|---:|---:|---:|:---:|")
    for p, (name, _, plateau_on) in enumerate(ps):
        a = acc[p]
        d = [a[k] - acc[0][k] for k in range(args.splits)]
        better = sum(1 for v in d if v > 1e-9)
        same = sum(1 for v in d if abs(v) <= 1e-9)
        sd = statistics.stdev(a) if len(a) > 1 else 0.0
        label = name + (" (%.1f reductions)" % (sum(red[p]) / args.splits) if plateau_on else "")
        if p == 0:
            print("| %s | %.2f | %.2f | %.2f | %.2f | - | - | - |" % (label, 100 * statistics.mean(a), 100 * sd, 100 * min(a), 100 * max(a)))
        else:
            dsd = statistics.stdev(d) if len(d) > 1 else 0.0
            print("| %s | %.2f | %.2f | %.2f | %.2f | %+.2f | %.2f | %d / %d / %d |" % (
                label, 100 * statistics.mean(a), 100 * sd, 100 * min(a), 100 * max(a), 100 * statistics.mean(d), 100 * dsd,
                better, same, args.splits - better - same))
    print("%d policies x %d splits x %d epochs in %.1f s" % (len(ps), args.splits, args.epochs, secs))


if __name__ == "__main__":
    main()
