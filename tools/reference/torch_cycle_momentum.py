"""Reference values for lrsched's one-cycle and cyclic momentum (OneCycleMomentumSchedule,
CyclicSchedule.momentum): the learning rate and momentum torch 1.13 writes into an SGD param group
at each step of OneCycleLR / CyclicLR with cycle_momentum=True.

Run: /usr/bin/python3 tools/reference/torch_cycle_momentum.py
Prints Java array literals (repr: shortest round-trip decimal) pasted into
OneCycleMomentumScheduleTest and CyclicMomentumTest.
"""
import warnings

import torch

warnings.filterwarnings("ignore")


def run(make, steps):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.5, momentum=0.5)
    sched = make(opt)
    lrs, moms = [], []
    for _ in range(steps):
        g = opt.param_groups[0]
        lrs.append(g["lr"])
        moms.append(g["momentum"])
        opt.step()
        sched.step()
    return lrs, moms


def java(name, values):
    print("    // " + name)
    print("    " + ", ".join(repr(float(v)) for v in values))


CASES = [
    ("OneCycleLR(max_lr=0.1, total_steps=20, pct_start=0.25) [cos, base_momentum=0.85, max_momentum=0.95]",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=20, pct_start=0.25), 20),
    ("OneCycleLR(max_lr=1.0, total_steps=17, pct_start=0.3, anneal_strategy='linear', base_momentum=0.8,"
     " max_momentum=0.9)",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=1.0, total_steps=17, pct_start=0.3,
                                                   anneal_strategy="linear", base_momentum=0.8,
                                                   max_momentum=0.9), 17),
    ("OneCycleLR(max_lr=0.1, total_steps=23, pct_start=0.3, three_phase=True) [cos, 0.85, 0.95]",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=23, pct_start=0.3,
                                                   three_phase=True), 23),
    ("OneCycleLR(max_lr=0.1, total_steps=14, pct_start=0.3, anneal_strategy='linear', three_phase=True)",
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=14, pct_start=0.3,
                                                   anneal_strategy="linear", three_phase=True), 14),
    ("CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=2, step_size_down=3) [triangular, base_momentum=0.8,"
     " max_momentum=0.9]",
     lambda o: torch.optim.lr_scheduler.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=2,
                                                 step_size_down=3), 16),
    ("CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=3, step_size_down=5, mode='triangular2',"
     " base_momentum=0.85, max_momentum=0.95)",
     lambda o: torch.optim.lr_scheduler.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3, step_size_down=5,
                                                 mode="triangular2", base_momentum=0.85,
                                                 max_momentum=0.95), 30),
    ("CyclicLR(base_lr=0.001, max_lr=0.006, step_size_up=4, mode='exp_range', gamma=0.97) [0.8, 0.9]",
     lambda o: torch.optim.lr_scheduler.CyclicLR(o, base_lr=0.001, max_lr=0.006, step_size_up=4,
                                                 mode="exp_range", gamma=0.97), 30),
]

if __name__ == "__main__":
    print("torch", torch.__version__)
    for name, make, steps in CASES:
        lrs, moms = run(make, steps)
        print(name)
        java("lr", lrs)
        java("momentum", moms)
