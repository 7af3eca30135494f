"""Independent step-by-step reproduction of SLEEF's AVX2 (FMA) float32 xexpf and xlogf_u1 with exact
rational arithmetic: every float32 operation is computed exactly and rounded once to float32 (round half to
even), an FMA likewise. Writes input/expf/logf bit patterns for the Java emulation tests."""
from fractions import Fraction as F
import struct, math, random, sys

def bits(x):  # float32 value (as Fraction or float) -> int bits
    return struct.unpack('<I', struct.pack('<f', float(x)))[0]

def r32(q):
    """Round an exact rational to the nearest float32 (ties to even); normal and subnormal range."""
    q = F(q)
    if q == 0:
        return F(0)
    sign = -1 if q < 0 else 1
    a = abs(q)
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if F(2) ** e > a:
        e -= 1
    e = max(e, -126)
    ulp = F(2) ** (e - 23)
    n = a / ulp
    fl = n.numerator // n.denominator
    rem = n - fl
    if rem > F(1, 2) or (rem == F(1, 2) and fl % 2 == 1):
        fl += 1
    return sign * fl * ulp

def f(x):  # python float literal -> float32 exact value
    return r32(F(x))

add = lambda a, b: r32(a + b)
sub = lambda a, b: r32(a - b)
mul = lambda a, b: r32(a * b)
div = lambda a, b: r32(a / b)
fma = lambda a, b, c: r32(a * b + c)

def rint(x):
    fl = math.floor(x)
    rem = x - fl
    if rem > F(1, 2) or (rem == F(1, 2) and fl % 2 == 1):
        fl += 1
    return int(fl)

R_LN2 = f(1.442695040888963407359924681001892137426645954152985934135449406931)
L2U = f(0.693145751953125)
L2L = f(1.428606765330187045e-06)

def expf(d):
    q = rint(mul(d, R_LN2))
    qf = F(q)
    s = fma(qf, -L2U, d)
    s = fma(qf, -L2L, s)
    u = f(0.000198527617612853646278381)
    for c in (0.00139304355252534151077271, 0.00833336077630519866943359, 0.0416664853692054748535156,
              0.166666671633720397949219, 0.5):
        u = fma(u, s, f(c))
    u = add(F(1), fma(mul(s, s), u, s))
    u = mul(mul(u, F(2) ** (q >> 1)), F(2) ** (q - (q >> 1)))
    return u

# double-float helpers (df.h, FMA build)
def dfadd2_ff(x, y):
    s = add(x, y); v = sub(s, x)
    return (s, add(sub(x, sub(s, v)), sub(y, v)))

def dfdiv(n, d):
    t = div(F(1), d[0])
    s = mul(n[0], t)
    u = fma(t, n[0], -s)
    v = fma(-d[1], t, fma(-d[0], t, F(1)))
    return (s, fma(s, v, fma(n[1], t, u)))

def dfmul_f(x, y):
    s = mul(x[0], y)
    return (s, fma(x[1], y, fma(x[0], y, -s)))

def dfadd_df(x, y):
    s = add(x[0], y[0])
    return (s, add(add(add(sub(x[0], s), y[0]), x[1]), y[1]))

def dfadd_f(x, y):
    s = add(x[0], y)
    return (s, add(add(sub(x[0], s), y), x[1]))

def logf(d):
    o = d < F(2) ** -126
    if o:
        d = mul(d, F(2) ** 64)
    t = mul(d, r32(F(1) / f(0.75)))
    e = t.numerator.bit_length() - t.denominator.bit_length()
    if F(2) ** e > t:
        e -= 1
    m = d * F(2) ** (-e)
    if o:
        e -= 64
    s = dfmul_f((f(0.69314718246459960938), f(-1.904654323148236017e-09)), F(e))
    x = dfdiv(dfadd2_ff(F(-1), m), dfadd2_ff(F(1), m))
    x2 = mul(x[0], x[0])
    t = fma(fma(f(0.3027294874), x2, f(0.3996108174)), x2, f(0.6666694880))
    s = dfadd_df(s, (mul(x[0], F(2)), mul(x[1], F(2))))
    s = dfadd_f(s, mul(mul(x2, x[0]), t))
    return add(s[0], s[1])

if __name__ == '__main__':
    rnd = random.Random(15)
    xs = set()
    # GRAPE's inputs: float32 inverse frequencies 1/theta^(j/n) and their logs divided by scales.
    for theta in (10000.0, 1000000.0, 5000000.0):
        for n in (7, 16, 32, 64, 128):
            for j in range(n):
                inv = f(1.0 / (theta ** (j / n)))
                xs.add(inv)
    for _ in range(600):
        xs.add(f(rnd.uniform(-87.0, 88.0)))
        xs.add(f(math.exp(rnd.uniform(-80.0, 80.0))))
    out = []
    for x in sorted(xs):
        le = bits(logf(x)) if x > 0 else None
        ee = '%08x' % bits(expf(x)) if -100 < x < 88 else '-'
        out.append('%08x\t%s\t%s' % (bits(x), ee, '%08x' % le if le is not None else '-'))
    sys.stdout.write('# input\texpf\tlogf (float32 bits; SLEEF AVX2 xexpf / xlogf_u1 by exact rational arithmetic)\n')
    sys.stdout.write('\n'.join(out) + '\n')
