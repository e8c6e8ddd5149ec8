"""Reference values: Hugging Face transformers schedules, re-implemented from their source.

Source: huggingface/transformers, src/transformers/optimization.py at commit
005edacb6b5dabbf0843e92c6623de9e07ca6241 (functions and lambdas copied below with their names; the
`transformers` package itself is not installed here). Each lambda is driven by torch 1.13's real
LambdaLR, exactly as HF does (value = optimizer lr * lambda(step)).

Run with Debian's python3-torch:  /usr/bin/python3 tools/reference/hf_reference.py
"""
import math
from functools import partial

import torch
from torch.optim.lr_scheduler import LambdaLR

# ---- HF lambdas (optimization.py @ 005edacb), verbatim apart from formatting ----


def _get_constant_lambda(_=None):
    return 1


def _get_constant_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1.0, num_warmup_steps))
    return 1.0


def _get_linear_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps, num_training_steps):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    return max(0.0, float(num_training_steps - current_step) / float(max(1, num_training_steps - num_warmup_steps)))


def _get_cosine_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps, num_training_steps,
                                               num_cycles, min_lr_rate=0.0):
    # the min_lr variant (the second definition in optimization.py, which shadows the first; with
    # min_lr_rate=0 both give the same value)
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
    factor = factor * (1 - min_lr_rate) + min_lr_rate
    return max(0, factor)


def _get_cosine_first_definition(current_step, *, num_warmup_steps, num_training_steps, num_cycles):
    # the first definition, used by get_cosine_schedule_with_warmup before the shadowing
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))


def _get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps,
                                                                  num_training_steps, num_cycles):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    progress = float(current_step - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
    if progress >= 1.0:
        return 0.0
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * ((float(num_cycles) * progress) % 1.0))))


def _get_polynomial_decay_schedule_with_warmup_lr_lambda(current_step, *, num_warmup_steps, num_training_steps,
                                                         lr_end, power, lr_init):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    elif current_step > num_training_steps:
        return lr_end / lr_init
    else:
        lr_range = lr_init - lr_end
        decay_steps = num_training_steps - num_warmup_steps
        pct_remaining = 1 - (current_step - num_warmup_steps) / decay_steps
        decay = lr_range * pct_remaining ** power + lr_end
        return decay / lr_init


def _get_inverse_sqrt_schedule_lr_lambda(current_step, *, num_warmup_steps, timescale=None):
    if current_step < num_warmup_steps:
        return float(current_step) / float(max(1, num_warmup_steps))
    shift = timescale - num_warmup_steps
    decay = 1.0 / math.sqrt((current_step + shift) / timescale)
    return decay


def _get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda(current_step, *, num_warmup_steps,
                                                                num_training_steps, num_cycles,
                                                                min_lr_rate=0.0, warmup_lr_rate=None):
    current_step = float(current_step)
    num_warmup_steps = float(num_warmup_steps)
    num_training_steps = float(num_training_steps)
    if current_step < num_warmup_steps:
        if warmup_lr_rate is None:
            return (current_step + 1.) / max(1., num_warmup_steps)
        else:
            warmup_lr_rate = float(warmup_lr_rate)
            return warmup_lr_rate + (1.0 - warmup_lr_rate) * (current_step) / (max(1, num_warmup_steps - 1))
    progress = (current_step - num_warmup_steps + 1.) / (max(1., num_training_steps - num_warmup_steps))
    factor = 0.5 * (1.0 + math.cos(math.pi * num_cycles * 2.0 * progress))
    factor = factor * (1 - min_lr_rate) + min_lr_rate
    return max(0, factor)


def _get_wsd_scheduler_lambda(current_step, *, num_warmup_steps, num_stable_steps, num_decay_steps,
                              warmup_type, decay_type, min_lr_ratio, num_cycles):
    if current_step < num_warmup_steps:
        progress = float(current_step) / float(max(1, num_warmup_steps))
        if warmup_type == "linear":
            factor = progress
        elif warmup_type == "cosine":
            factor = 0.5 * (1.0 - math.cos(math.pi * progress))
        elif warmup_type == "1-sqrt":
            factor = 1.0 - math.sqrt(1.0 - progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    if current_step < num_warmup_steps + num_stable_steps:
        return 1.0
    if current_step < num_warmup_steps + num_stable_steps + num_decay_steps:
        progress = float(current_step - num_warmup_steps - num_stable_steps) / float(max(1, num_decay_steps))
        if decay_type == "linear":
            factor = 1.0 - progress
        elif decay_type == "cosine":
            factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        elif decay_type == "1-sqrt":
            factor = 1.0 - math.sqrt(progress)
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
        return max(0.0, factor)
    return min_lr_ratio


# ---- driving the lambdas through torch's LambdaLR ----

def lambda_lr_values(lr, lr_lambda, steps):
    """get_last_lr() after t = 0, 1, ... optimizer steps (torch LambdaLR: lr * lr_lambda(t))."""
    opt = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=lr)
    s = LambdaLR(opt, lr_lambda)
    out = []
    for _ in range(steps):
        out.append(s.get_last_lr()[0])
        opt.step()
        s.step()
    return out


def at(lr, lr_lambda, ts):
    """lr * lr_lambda(t) for far-away steps (what LambdaLR gives there, without stepping 2^32 times)."""
    return [(t, lr * lr_lambda(t)) for t in ts]


FAR = [1000, 10 ** 6, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]


def show(title, lr, lr_lambda, steps, far=FAR):
    print("#", title)
    for t, v in enumerate(lambda_lr_values(lr, lr_lambda, steps)):
        print(f'"{t}, {v!r}",')
    for t, v in at(lr, lr_lambda, far):
        print(f'"{t}, {v!r}",')
    print()


def exact_hard_restart_fraction(t, w, total, cycles):
    d = total - w
    return ((cycles * (t - w)) % d) / d


if __name__ == "__main__":
    print("# torch", torch.__version__, "; HF optimization.py @ 005edacb")
    show("get_inverse_sqrt_schedule(SGD(lr=0.1), num_warmup_steps=4) (timescale defaults to 4)", 0.1,
         partial(_get_inverse_sqrt_schedule_lr_lambda, num_warmup_steps=4, timescale=4), 10)
    show("get_inverse_sqrt_schedule(SGD(lr=0.1), num_warmup_steps=4, timescale=10)", 0.1,
         partial(_get_inverse_sqrt_schedule_lr_lambda, num_warmup_steps=4, timescale=10), 10)
    show("get_inverse_sqrt_schedule(SGD(lr=0.1), num_warmup_steps=0) (timescale defaults to 10_000)", 0.1,
         partial(_get_inverse_sqrt_schedule_lr_lambda, num_warmup_steps=0, timescale=10_000), 3)
    show("get_inverse_sqrt_schedule(SGD(lr=0.1), num_warmup_steps=10, timescale=3) (timescale < warmup)", 0.1,
         partial(_get_inverse_sqrt_schedule_lr_lambda, num_warmup_steps=10, timescale=3), 13)
    for wt, dt in (("linear", "linear"), ("cosine", "cosine"), ("1-sqrt", "1-sqrt")):
        show(f"get_wsd_schedule(SGD(lr=0.1), num_warmup_steps=3, num_decay_steps=6, num_stable_steps=4, "
             f"warmup_type='{wt}', decay_type='{dt}', min_lr_ratio=0.1)", 0.1,
             partial(_get_wsd_scheduler_lambda, num_warmup_steps=3, num_stable_steps=4, num_decay_steps=6,
                     warmup_type=wt, decay_type=dt, min_lr_ratio=0.1, num_cycles=0.5), 15)
    show("get_wsd_schedule(SGD(lr=0.1), num_warmup_steps=2, num_decay_steps=8, num_stable_steps=0, "
         "decay_type='cosine', min_lr_ratio=0, num_cycles=1.0)", 0.1,
         partial(_get_wsd_scheduler_lambda, num_warmup_steps=2, num_stable_steps=0, num_decay_steps=8,
                 warmup_type="linear", decay_type="cosine", min_lr_ratio=0.0, num_cycles=1.0), 12, far=[])
    show("get_scheduler('warmup_stable_decay', SGD(lr=0.1), num_warmup_steps=2, num_training_steps=12, "
         "scheduler_specific_kwargs={'num_decay_steps': 5, 'decay_type': '1-sqrt', 'min_lr_ratio': 0.2}) "
         "(stable = 12 - 2 - 5 = 5)", 0.1,
         partial(_get_wsd_scheduler_lambda, num_warmup_steps=2, num_stable_steps=5, num_decay_steps=5,
                 warmup_type="linear", decay_type="1-sqrt", min_lr_ratio=0.2, num_cycles=0.5), 14, far=[])
    show("get_cosine_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=2, num_training_steps=10)", 0.1,
         partial(_get_cosine_first_definition, num_warmup_steps=2, num_training_steps=10, num_cycles=0.5), 27)
    show("get_cosine_with_min_lr_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=2, num_training_steps=10, "
         "min_lr_rate=0.1)", 0.1,
         partial(_get_cosine_schedule_with_warmup_lr_lambda, num_warmup_steps=2, num_training_steps=10,
                 num_cycles=0.5, min_lr_rate=0.1), 27)
    show("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(SGD(lr=0.1), num_warmup_steps=3, "
         "num_training_steps=10, min_lr_rate=0.1) (warmup_lr_rate None)", 0.1,
         partial(_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda, num_warmup_steps=3,
                 num_training_steps=10, num_cycles=0.5, min_lr_rate=0.1), 20, far=[])
    show("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(SGD(lr=0.1), num_warmup_steps=3, "
         "num_training_steps=10, min_lr_rate=0.1, warmup_lr_rate=0.2)", 0.1,
         partial(_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda, num_warmup_steps=3,
                 num_training_steps=10, num_cycles=0.5, min_lr_rate=0.1, warmup_lr_rate=0.2), 20, far=[])
    show("get_cosine_with_min_lr_schedule_with_warmup_lr_rate(SGD(lr=0.1), num_warmup_steps=1, "
         "num_training_steps=6, min_lr=0.01)", 0.1,
         partial(_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda, num_warmup_steps=1,
                 num_training_steps=6, num_cycles=0.5, min_lr_rate=0.01 / 0.1), 9, far=[])
    show("get_cosine_with_hard_restarts_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=2, "
         "num_training_steps=14, num_cycles=3)", 0.1,
         partial(_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda, num_warmup_steps=2,
                 num_training_steps=14, num_cycles=3), 17)
    show("get_cosine_with_hard_restarts_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=3, "
         "num_training_steps=13, num_cycles=3) (10 steps, 3 cycles: cycle length 10/3)", 0.1,
         partial(_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda, num_warmup_steps=3,
                 num_training_steps=13, num_cycles=3), 15, far=[])
    show("get_linear_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=2, num_training_steps=10)", 0.1,
         partial(_get_linear_schedule_with_warmup_lr_lambda, num_warmup_steps=2, num_training_steps=10), 12, far=[])
    show("get_linear_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=0, num_training_steps=10)", 0.1,
         partial(_get_linear_schedule_with_warmup_lr_lambda, num_warmup_steps=0, num_training_steps=10), 12, far=[])
    show("get_polynomial_decay_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=2, num_training_steps=10, "
         "lr_end=0.001, power=2.0)", 0.1,
         partial(_get_polynomial_decay_schedule_with_warmup_lr_lambda, num_warmup_steps=2, num_training_steps=10,
                 lr_end=0.001, power=2.0, lr_init=0.1), 12, far=[])
    show("get_constant_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=3)", 0.1,
         partial(_get_constant_schedule_with_warmup_lr_lambda, num_warmup_steps=3), 5, far=[])
    show("get_constant_schedule(SGD(lr=0.1))", 0.1, _get_constant_lambda, 2, far=[])

    # Hard restarts: HF computes (num_cycles * progress) % 1.0 in floating point; lrsched uses the exact
    # integer fraction ((num_cycles * (t - W)) mod (T - W)) / (T - W). Compare the two everywhere.
    worst = 0.0
    restart_mismatches = []
    checked = 0
    for w in range(0, 6):
        for total in range(w + 1, w + 80):
            for cycles in range(1, 9):
                f = partial(_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda, num_warmup_steps=w,
                            num_training_steps=total, num_cycles=cycles)
                for t in range(w, total):
                    hf = f(t)
                    exact = 0.5 * (1.0 + math.cos(math.pi * exact_hard_restart_fraction(t, w, total, cycles)))
                    checked += 1
                    if abs(hf - exact) > 1e-9:
                        restart_mismatches.append((w, total, cycles, t, hf, exact))
                    elif exact != 0:
                        worst = max(worst, abs(hf - exact) / exact)
    print(f"# hard restarts: {checked} (W, T, num_cycles, t) points, HF float fraction vs exact integer fraction:")
    print(f"#   largest relative difference where both agree on the cycle: {worst:.3g}")
    print(f"#   points where HF's float fraction lands on the other side of a restart: {len(restart_mismatches)}")
    for m in restart_mismatches[:10]:
        print("#   W=%d T=%d num_cycles=%d t=%d: HF factor %r, exact factor %r" % m)
