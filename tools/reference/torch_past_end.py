"""Reference values: torch 1.13 CosineAnnealingLR and SequentialLR(LinearLR, CosineAnnealingLR) past T_max.

Run with Debian's python3-torch:  /usr/bin/python3 tools/reference/torch_past_end.py

torch's CosineAnnealingLR.step() is chainable (recursive): each value is computed from the previous
learning rate. This script prints, for every step t, torch's actual get_last_lr() next to the closed form
eta_min + (base - eta_min) * (1 + cos(pi * t / T_max)) / 2 that lrsched's CosineAnnealingSchedule with
afterEnd = EXTRAPOLATE evaluates, and the relative difference between the two.
"""
import math
import warnings

import torch

warnings.filterwarnings("ignore")  # SequentialLR's step(0) deprecation warning


def closed_cosine(base, eta_min, t_max, t):
    return eta_min + (base - eta_min) * (1 + math.cos(math.pi * t / t_max)) / 2


def optimizer(lr):
    return torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)


def cosine_alone(base, eta_min, t_max, steps):
    opt = optimizer(base)
    s = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=t_max, eta_min=eta_min)
    out = []
    for t in range(steps):
        out.append(s.get_last_lr()[0])
        opt.step()
        s.step()
    return out


def sequential(base, start_factor, warm, eta_min, t_max, steps):
    opt = optimizer(base)
    lin = torch.optim.lr_scheduler.LinearLR(opt, start_factor=start_factor, end_factor=1.0, total_iters=warm)
    cos = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=t_max, eta_min=eta_min)
    s = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[lin, cos], milestones=[warm])
    out = []
    for t in range(steps):
        out.append(s.get_last_lr()[0])
        opt.step()
        s.step()
    return out


def report(title, actual, closed):
    print("#", title)
    print("# t, torch get_last_lr(), closed form, relative difference")
    worst = 0.0
    for t, (a, c) in enumerate(zip(actual, closed)):
        rel = abs(a - c) / abs(c) if c != 0 else abs(a)
        worst = max(worst, rel)
        print(f"{t}, {a!r}, {c!r}, {rel:.3g}")
    print(f"# largest relative difference: {worst:.3g}")
    print()


if __name__ == "__main__":
    print("# torch", torch.__version__)
    steps = 41
    a = cosine_alone(0.1, 0.001, 10, steps)
    report("CosineAnnealingLR(SGD(lr=0.1), T_max=10, eta_min=0.001)", a,
           [closed_cosine(0.1, 0.001, 10, t) for t in range(steps)])

    s = sequential(0.1, 0.1, 5, 0.001, 10, steps)
    closed = []
    for t in range(steps):
        if t < 5:
            closed.append(0.1 * (0.1 + (1.0 - 0.1) * t / 5))  # LinearLR._get_closed_form_lr
        else:
            closed.append(closed_cosine(0.1, 0.001, 10, t - 5))
    report("SequentialLR(SGD(lr=0.1), [LinearLR(start_factor=0.1, total_iters=5), "
           "CosineAnnealingLR(T_max=10, eta_min=0.001)], milestones=[5])", s, closed)

    # a long run: how far the recursive form drifts from the closed form after many periods
    long_steps = 20001
    a = cosine_alone(0.1, 0.001, 7, long_steps)
    worst = max(abs(x - closed_cosine(0.1, 0.001, 7, t)) / closed_cosine(0.1, 0.001, 7, t)
                for t, x in enumerate(a))
    print("# CosineAnnealingLR(SGD(lr=0.1), T_max=7, eta_min=0.001), 20001 steps:"
          f" largest relative difference recursive vs closed form {worst:.3g}")
    for t in (7, 8, 14, 15, 700, 701, 20000):
        print(f"{t}, {a[t]!r}, {closed_cosine(0.1, 0.001, 7, t)!r}")
