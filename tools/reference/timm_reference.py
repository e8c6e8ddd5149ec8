"""Reference values: timm's CosineLRScheduler and its learning-rate noise, re-implemented from source.

Source: huggingface/pytorch-image-models at commit aa4b5850c1543fa488abf260f18390eda46cf85d,
timm/scheduler/cosine_lr.py (CosineLRScheduler._get_lr) and timm/scheduler/scheduler.py
(Scheduler._add_noise, _is_apply_noise, _calculate_noise). The `timm` package is not installed here;
the functions below copy its arithmetic line by line, and the noise uses torch 1.13's real
torch.Generator exactly as timm does.

Run with Debian's python3-torch:  /usr/bin/python3 tools/reference/timm_reference.py
"""
import math

import torch


def timm_cosine_lr(t, *, base, t_initial, lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1,
                   warmup_t=0, warmup_lr_init=0., warmup_prefix=False, k_decay=1.0):
    """CosineLRScheduler._get_lr(t) for one parameter group with base value `base`."""
    warmup_step = (base - warmup_lr_init) / warmup_t if warmup_t else 1
    if t < warmup_t:
        return warmup_lr_init + t * warmup_step
    if warmup_prefix:
        t = t - warmup_t
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
    k = k_decay
    if i < cycle_limit:
        return lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * t_curr ** k / t_i ** k))
    return lr_min


def timm_noise(t, *, noise_seed=42, noise_type="normal", noise_pct=0.67):
    """Scheduler._calculate_noise(t): a fresh torch.Generator seeded with noise_seed + t."""
    g = torch.Generator()
    g.manual_seed(noise_seed + t)
    if noise_type == "normal":
        while True:
            noise = torch.randn(1, generator=g).item()
            if abs(noise) < noise_pct:
                return noise
    return 2 * (torch.rand(1, generator=g).item() - 0.5) * noise_pct


def show(title, f, ts):
    print("#", title)
    for t in ts:
        print(f'"{t}, {f(t)!r}",')
    print()


def truncated_normal_variance(a):
    """Variance of a standard normal truncated to (-a, a)."""
    phi = math.exp(-a * a / 2) / math.sqrt(2 * math.pi)
    mass = math.erf(a / math.sqrt(2))
    return 1 - 2 * a * phi / mass


if __name__ == "__main__":
    print("# torch", torch.__version__, "; timm @ aa4b5850")
    show("CosineLRScheduler(t_initial=4, lr_min=0.001, cycle_mul=2, cycle_decay=0.5, cycle_limit=2), lr=0.1",
         lambda t: timm_cosine_lr(t, base=0.1, t_initial=4, lr_min=0.001, cycle_mul=2, cycle_decay=0.5,
                                  cycle_limit=2), list(range(0, 15)) + [100, 2 ** 32 - 1])
    show("CosineLRScheduler(t_initial=5, lr_min=0.001, cycle_limit=3), lr=0.1 (cycle_mul 1)",
         lambda t: timm_cosine_lr(t, base=0.1, t_initial=5, lr_min=0.001, cycle_limit=3),
         list(range(0, 17)) + [2 ** 31])
    show("CosineLRScheduler(t_initial=10, lr_min=0.001, k_decay=2.0), lr=0.1",
         lambda t: timm_cosine_lr(t, base=0.1, t_initial=10, lr_min=0.001, k_decay=2.0), range(0, 12))
    show("CosineLRScheduler(t_initial=6, lr_min=0.0, cycle_limit=2, k_decay=0.5), lr=0.1",
         lambda t: timm_cosine_lr(t, base=0.1, t_initial=6, lr_min=0.0, cycle_limit=2, k_decay=0.5),
         range(0, 14))
    for prefix in (True, False):
        show(f"CosineLRScheduler(t_initial=10, lr_min=0.001, warmup_t=3, warmup_lr_init=0.001, "
             f"warmup_prefix={prefix}), lr=0.1",
             lambda t: timm_cosine_lr(t, base=0.1, t_initial=10, lr_min=0.001, warmup_t=3, warmup_lr_init=0.001,
                                      warmup_prefix=prefix), range(0, 15))

    # noise: timm multiplies the scheduled value v by (1 + noise); the distribution of noise
    n = 20000
    for kind in ("normal", "uniform"):
        xs = [timm_noise(t, noise_type=kind) for t in range(n)]
        mean = sum(xs) / n
        var = sum((x - mean) ** 2 for x in xs) / (n - 1)
        print(f"# timm noise_type={kind!r} noise_pct=0.67 noise_seed=42, t = 0..{n - 1}: mean {mean:.5f}, "
              f"variance {var:.5f}, min {min(xs):.5f}, max {max(xs):.5f}")
    print(f"# analytic variance, standard normal truncated to (-0.67, 0.67): {truncated_normal_variance(0.67)!r}")
    print(f"# analytic variance, normal with std 0.5 truncated to (-0.67, 0.67): "
          f"{0.25 * truncated_normal_variance(0.67 / 0.5)!r}")
    print(f"# analytic variance, uniform on (-0.67, 0.67): {0.67 ** 2 / 3!r}")
    print("# timm's first noise values (normal, seed 42):", [round(timm_noise(t), 6) for t in range(5)])
    print("# timm noise_std: accepted by Scheduler.__init__, never read by _calculate_noise")
