"""Reference values: Keras 3 learning-rate schedules, re-implemented from source in float64.

Source: keras-team/keras at commit 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60,
keras/src/optimizers/schedules/learning_rate_schedule.py (ExponentialDecay, PiecewiseConstantDecay,
PolynomialDecay, InverseTimeDecay, CosineDecayRestarts: each __call__ copied below with `ops.*` replaced
by Python float arithmetic). Keras itself evaluates in the dtype of initial_learning_rate (float32 for a
Python float), so real Keras values agree with these to float32 precision (about 1e-7 relative).

Run:  /usr/bin/python3 tools/reference/keras_reference.py
"""
import math


def exponential_decay(step, initial_learning_rate, decay_steps, decay_rate, staircase=False):
    p = step / decay_steps
    if staircase:
        p = math.floor(p)
    return initial_learning_rate * decay_rate ** p


def inverse_time_decay(step, initial_learning_rate, decay_steps, decay_rate, staircase=False):
    p = step / decay_steps
    if staircase:
        p = math.floor(p)
    return initial_learning_rate / (1 + decay_rate * p)


def piecewise_constant_decay(step, boundaries, values):
    result = 0.0
    result += (1.0 if step <= boundaries[0] else 0.0) * values[0]
    result += (1.0 if step > boundaries[-1] else 0.0) * values[-1]
    for low, high, value in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
        result += (1.0 if (step > low and step <= high) else 0.0) * value
    return result


def polynomial_decay(step, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0, cycle=False):
    global_step_recomp = float(step)
    decay_steps_recomp = float(decay_steps)
    if cycle:
        multiplier = 1.0 if global_step_recomp == 0 else math.ceil(global_step_recomp / decay_steps)
        decay_steps_recomp = decay_steps_recomp * multiplier
    else:
        global_step_recomp = min(global_step_recomp, decay_steps_recomp)
    p = global_step_recomp / decay_steps_recomp
    return (initial_learning_rate - end_learning_rate) * (1 - p) ** power + end_learning_rate


def cosine_decay_restarts(step, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0):
    completed_fraction = float(step) / first_decay_steps
    if t_mul == 1.0:
        i_restart = math.floor(completed_fraction)
        completed_fraction -= i_restart
    else:
        i_restart = math.floor(math.log(1.0 - completed_fraction * (1.0 - t_mul)) / math.log(t_mul))
        sum_r = (1.0 - t_mul ** i_restart) / (1.0 - t_mul)
        completed_fraction = (completed_fraction - sum_r) / t_mul ** i_restart
    m_fac = m_mul ** i_restart
    cosine_decayed = 0.5 * m_fac * (1.0 + math.cos(math.pi * completed_fraction))
    decayed = (1 - alpha) * cosine_decayed + alpha
    return initial_learning_rate * decayed


def show(title, f, ts):
    print("#", title)
    for t in ts:
        print(f'"{t}, {f(t)!r}",')
    print()


FAR = [1000, 10 ** 6, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1]

if __name__ == "__main__":
    print("# keras @ 3422977a, formulas in float64")
    for st in (False, True):
        show(f"ExponentialDecay(0.1, decay_steps=3, decay_rate=0.5, staircase={st})",
             lambda t: exponential_decay(t, 0.1, 3, 0.5, st), list(range(0, 8)) + FAR)
        show(f"InverseTimeDecay(0.1, decay_steps=2, decay_rate=0.5, staircase={st})",
             lambda t: inverse_time_decay(t, 0.1, 2, 0.5, st), list(range(0, 8)) + FAR)
    show("PiecewiseConstantDecay(boundaries=[3, 7], values=[0.1, 0.05, 0.01])",
         lambda t: piecewise_constant_decay(t, [3, 7], [0.1, 0.05, 0.01]), list(range(0, 10)) + FAR)
    show("PiecewiseConstantDecay(boundaries=[0], values=[0.2, 0.1])",
         lambda t: piecewise_constant_decay(t, [0], [0.2, 0.1]), [0, 1, 2])
    show("PolynomialDecay(0.1, decay_steps=5, end_learning_rate=0.001, power=2.0, cycle=True)",
         lambda t: polynomial_decay(t, 0.1, 5, 0.001, 2.0, True), list(range(0, 17)) + FAR)
    show("PolynomialDecay(0.1, decay_steps=5, end_learning_rate=0.001, power=2.0, cycle=False)",
         lambda t: polynomial_decay(t, 0.1, 5, 0.001, 2.0, False), list(range(0, 8)) + FAR)
    show("CosineDecayRestarts(0.1, first_decay_steps=4, t_mul=1.5, m_mul=0.7, alpha=0.05)",
         lambda t: cosine_decay_restarts(t, 0.1, 4, 1.5, 0.7, 0.05), list(range(0, 34)) + FAR)
    show("CosineDecayRestarts(0.1, first_decay_steps=4) (t_mul=2.0, m_mul=1.0, alpha=0.0)",
         lambda t: cosine_decay_restarts(t, 0.1, 4), list(range(0, 30)) + FAR)
    show("CosineDecayRestarts(0.1, first_decay_steps=3, t_mul=1.0, m_mul=0.5, alpha=0.1)",
         lambda t: cosine_decay_restarts(t, 0.1, 3, 1.0, 0.5, 0.1), list(range(0, 10)) + FAR)

    # Knife edges: at a restart step whose cycle start is an integer, Keras' floor(log(x) / log(t_mul))
    # can round below the true cycle index. Exact index: the largest i with t_mul^i <= x.
    print("# restart points where Keras' floating-point cycle index is one short (exact vs Keras factor):")
    found = 0
    for t_mul in (2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 10.0, 1.5, 2.5):
        for fds in (1, 2, 3, 4, 5, 10):
            start, length = 0.0, float(fds)
            for i in range(0, 40):
                if start > 2 ** 32:
                    break
                if start == int(start):
                    t = int(start)
                    cf = t / fds
                    keras_i = math.floor(math.log(1.0 - cf * (1.0 - t_mul)) / math.log(t_mul))
                    if keras_i != i:
                        found += 1
                        if found <= 12:
                            print(f"#   t_mul={t_mul} first_decay_steps={fds} step {t}: exact cycle {i}, Keras {keras_i},"
                                  f" value exact {0.1!r} vs Keras {cosine_decay_restarts(t, 0.1, fds, t_mul)!r}")
                start += length
                length *= t_mul
    print(f"#   {found} such points")
