"""java.util.Random, bit for bit, so the torch scripts use the same splits and minibatch orders as the Java code.

Only what the studies need: the 48-bit LCG of the Java SE specification (java.util.Random: setSeed, next(bits),
nextInt(bound), nextDouble) and the Fisher-Yates permutation of SeedArticleDemo.permutation /
FashionMnistStudy.permutation: for i = n-1 .. 1: swap(a[i], a[nextInt(i + 1)]).
"""

_MULT = 0x5DEECE66D
_ADD = 0xB
_MASK = (1 << 48) - 1


class JavaRandom:
    def __init__(self, seed):
        self._seed = (seed ^ _MULT) & _MASK

    def next_bits(self, bits):
        self._seed = (self._seed * _MULT + _ADD) & _MASK
        r = self._seed >> (48 - bits)
        if r >= 1 << 31:  # (int) cast of a 32-bit draw
            r -= 1 << 32
        return r

    def next_int(self, bound):
        if bound <= 0:
            raise ValueError("bound must be positive")
        r = self.next_bits(31)
        m = bound - 1
        if bound & m == 0:  # power of two
            return (bound * r) >> 31
        u = r
        r = u % bound
        while u - r + m >= 1 << 31:  # Java: u - r + m < 0 after int overflow
            u = self.next_bits(31)
            r = u % bound
        return r

    def next_double(self):
        return ((self.next_bits(26) << 27) + self.next_bits(27)) * (1.0 / (1 << 53))


def permutation(n, seed):
    """0..n-1 shuffled exactly as the Java studies do it."""
    a = list(range(n))
    rnd = JavaRandom(seed)
    for i in range(n - 1, 0, -1):
        j = rnd.next_int(i + 1)
        a[i], a[j] = a[j], a[i]
    return a


if __name__ == "__main__":
    # values pinned in the Java tests (DemosTest: SeedArticleDemo.permutation(351, 1))
    print("permutation(351, 1)[:10] =", permutation(351, 1)[:10])
    r = JavaRandom(42)
    print("new Random(42).nextInt(10) x5 =", [r.next_int(10) for _ in range(5)])
