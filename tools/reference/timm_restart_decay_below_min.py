"""Where lrsched's CosineWarmRestartsSchedule(restartDecay) and timm's cycle_decay part ways.

timm's CosineLRScheduler._get_lr (huggingface/pytorch-image-models, timm/scheduler/cosine_lr.py)
decays the peak as lr_max = base * cycle_decay ** i with no floor, so once the decayed peak is below
lr_min a cycle runs from that peak UP to lr_min. lrsched clamps the peak at minValue
(peak_n = max(minValue, initialValue * restartDecay^n)), so those cycles are flat at minValue.
The function below is timm's arithmetic (no warmup, k_decay = 1), copied line by line; cycle_limit
is set high so every cycle restarts (timm's default cycle_limit=1 stops after the first cycle).

Run:  python3 tools/reference/timm_restart_decay_below_min.py
"""
import math


def timm_cosine_lr(t, *, base, t_initial, lr_min, cycle_decay, cycle_limit, cycle_mul=1.):
    if cycle_mul != 1:
        i = math.floor(math.log(1 - t / t_initial * (1 - cycle_mul), cycle_mul))
        t_i = cycle_mul ** i * t_initial
        t_curr = t - (1 - cycle_mul ** i) / (1 - cycle_mul) * t_initial
    else:
        i = t // t_initial
        t_i = t_initial
        t_curr = t - (t_initial * i)
    gamma = cycle_decay ** i
    lr_max = base * gamma
    if i < cycle_limit:
        return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * t_curr / t_i))
    return lr_min


def lrsched(t, *, base, t_initial, lr_min, cycle_decay):
    n = t // t_initial
    peak = max(lr_min, base * cycle_decay ** n)
    return lr_min + (peak - lr_min) * (1 + math.cos(math.pi * (t - n * t_initial) / t_initial)) / 2


if __name__ == "__main__":
    print("# CosineLRScheduler(t_initial=3, cycle_mul=2, lr_min=0.001, cycle_decay=0.5, cycle_limit=1000), lr=0.1")
    print("# (every peak here is above lr_min: timm and lrsched agree)")
    for t in [0, 1, 2, 3, 4, 6, 8, 9, 10, 15, 20, 21, 30]:
        print(f'"{t}, {timm_cosine_lr(t, base=0.1, t_initial=3, lr_min=0.001, cycle_decay=0.5, cycle_limit=1000, cycle_mul=2)!r}",')
    print()
    print("# CosineLRScheduler(t_initial=4, lr_min=0.001, cycle_decay=0.5, cycle_limit=1000), lr=0.1")
    print("# t, timm, lrsched")
    for t in [24, 26, 28, 29, 30, 31, 40, 42]:
        print(f'"{t}, {timm_cosine_lr(t, base=0.1, t_initial=4, lr_min=0.001, cycle_decay=0.5, cycle_limit=1000)!r}, '
              f'{lrsched(t, base=0.1, t_initial=4, lr_min=0.001, cycle_decay=0.5)!r}",')
