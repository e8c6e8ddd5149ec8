"""Reference decisions of torch.optim.lr_scheduler.ReduceLROnPlateau (PyTorch 1.13), for the test oracle
dev.lrsched.schedules.testing.TorchPlateauRule (dl4j-schedules test-jar), which the front-end tests of the
parallel and samediff modules replay recorded metrics through.

Run: /usr/bin/python3 tools/reference/torch_plateau_decisions.py
Prints, per case, the 1-based steps at which the learning rate went down; paste into TorchPlateauRuleTest.
"""
import torch

METRICS = [1.0, 0.9, 0.95, 0.9, 0.8999, 0.7, 0.71, 0.72, 0.69, 0.69, 0.7, 0.5, 0.6, 0.6, 0.6, 0.6]

CASES = [
    dict(mode="min", patience=0, threshold=1e-4, threshold_mode="rel", cooldown=0),
    dict(mode="min", patience=1, threshold=1e-4, threshold_mode="rel", cooldown=0),
    dict(mode="min", patience=1, threshold=0.05, threshold_mode="abs", cooldown=2),
    dict(mode="max", patience=0, threshold=1e-4, threshold_mode="rel", cooldown=1),
    dict(mode="max", patience=2, threshold=0.01, threshold_mode="abs", cooldown=0),
]

for case in CASES:
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=1.0)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, min_lr=0.0, eps=1e-8, **case)
    reduced = []
    for step, m in enumerate(METRICS, start=1):
        before = opt.param_groups[0]["lr"]
        sched.step(m)
        if opt.param_groups[0]["lr"] < before:
            reduced.append(step)
    print(case, "->", reduced)
