# Seed section: 2. 如何运行/激活生成器 (activate a generator with next() or send(None)).
# Modernised: also shows that send(non-None) to a just-started generator raises TypeError,
# and that the generator is still GEN_CREATED and usable afterwards.
from inspect import getgeneratorstate


def mygen(n):
    now = 0
    while now < n:
        yield now
        now += 1


# Calling a generator function runs no body code; it returns a generator object.
gen = mygen(4)
print('type:', type(gen).__name__)

# The seed alternates the two ways to show they are equivalent.
print(gen.send(None))
print(next(gen))
print(gen.send(None))
print(next(gen))
print('exhausted:', next(gen, 'END'))

# A generator expression is activated the same way.
squares = (x * x for x in range(3))
print('genexp:', next(squares), squares.send(None), next(squares))

# send() of a real value before the first yield is an error.
gen = mygen(2)
try:
    gen.send('hello')
except TypeError as e:
    print('TypeError:', e)
print('state after the failed send:', getgeneratorstate(gen))
print('can still be started:', next(gen))
