"""Reference answers for lrsched's LR-finder suggestion rules (SuggestionRule) on constructed curves,
from the original algorithms:

- fastai 2.x fastai/callback/schedule.py `valley` and `minimum` (re-implemented verbatim below on
  plain lists; fastai itself slices the recorded curve to [num_it//10 : -5] first),
- torch-lr-finder `LRFinder.plot(skip_start, skip_end, suggest_lr=True)`: np.gradient(losses).argmin()
  over the window, and its log-lr variant np.gradient(losses, np.log10(lrs)).

lrsched differs on purpose: every rule is clamped to the index of the minimum smoothed loss in the
window (steepest descent: argmin over [from, min) only, strictly before the minimum). The script prints both the original answer
and lrsched's, as window-relative indices and absolute indices.

Run: /usr/bin/python3 tools/reference/lr_finder_rules.py   (numpy only)
"""
import numpy as np


def valley(losses):
    """fastai.callback.schedule.valley, index only (fastai returns lrs[idx])."""
    n = len(losses)
    max_start, max_end = 0, 0
    lds = [1] * n
    for i in range(1, n):
        for j in range(0, i):
            if (losses[i] < losses[j]) and (lds[i] < lds[j] + 1):
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]
    sections = (max_end - max_start) / 3
    return max_start + int(sections) + int(sections / 2)


def steepest(lrs, losses):
    return int(np.gradient(np.array(losses), np.log10(np.array(lrs))).argmin())


def report(name, lrs, losses, skip_start, skip_end):
    w_l = losses[skip_start:len(losses) - skip_end]
    w_r = lrs[skip_start:len(lrs) - skip_end]
    mn = int(np.argmin(w_l))
    g = np.gradient(np.array(w_l), np.log10(np.array(w_r)))
    restricted = int(np.argmin(g[:mn])) if mn > 0 and g[:mn].min() < 0 else None
    v = valley(w_l)
    print(name)
    print("  window [%d, %d), min at %d (lr %r)" % (skip_start, len(losses) - skip_end, skip_start + mn, w_r[mn]))
    print("  minimum/10: lr %r" % (w_r[mn] / 10))
    print("  steepest (torch-lr-finder, whole window): %d; lrsched (within [from, min)): %s (lr %r)"
          % (skip_start + steepest(w_r, w_l), None if restricted is None else skip_start + restricted,
             None if restricted is None else w_r[restricted]))
    print("  valley (fastai): %d; lrsched (clamped to [from, min]): %d (lr %r)"
          % (skip_start + v, skip_start + min(max(v, 0), mn), w_r[min(max(v, 0), mn)]))


def exp_sweep(start, end, n):
    return [start * (end / start) ** (i / (n - 1)) for i in range(n)]


if __name__ == "__main__":
    # 1. A clean range-test curve, 20 points, 1e-4 -> 1, no skip.
    clean = [2.0, 1.99, 1.98, 1.96, 1.93, 1.88, 1.8, 1.65, 1.4, 1.1, 0.8, 0.6, 0.5, 0.45, 0.44, 0.46, 0.6, 1.0,
             2.0, 5.0]
    report("clean", exp_sweep(1e-4, 1, 20), clean, 0, 0)
    # 2. A noisy tail: the minimum at 8, then a jagged tail whose drops are steeper than the descent and
    #    whose longest decreasing run lies past the minimum. 24 points, 1e-5 -> 10, no skip.
    noisy = [2.3, 2.3, 2.29, 2.27, 2.2, 2.0, 1.8, 1.7, 1.65, 1.9, 2.6, 1.7, 2.9, 2.8, 2.7, 2.6, 2.5, 2.4, 2.3,
             2.2, 2.1, 2.05, 3.5, 1.66]
    report("noisy tail", exp_sweep(1e-5, 10, 24), noisy, 0, 0)
    # 3. fastai's index arithmetic gives -1 (the last point) for a 2-point valley at the window start.
    report("two-point valley", exp_sweep(1e-3, 1, 5), [2.0, 1.0, 3.0, 4.0, 5.0], 0, 0)
    # 4. A bump before the minimum: the central difference at the minimum itself is the steepest.
    report("bump before the minimum", exp_sweep(1e-3, 1, 7), [2.0, 1.9, 1.8, 1.05, 1.5, 0.1, 0.12], 0, 0)
