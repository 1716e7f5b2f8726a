# Seed section: 4. 生成器的异常处理 (StopIteration when a generator has nothing more to give).
# Modernised: the seed ends mygen with `raise StopIteration`; since Python 3.7 (PEP 479) that
# becomes "RuntimeError: generator raised StopIteration". A generator ends with `return`.
from inspect import getgeneratorstate


# Modern form of the seed's mygen: fall off the end (or `return`).
def mygen(n):
    now = 0
    while now < n:
        yield now
        now += 1
    return  # not `raise StopIteration`


gen = mygen(2)
print(next(gen))
print(next(gen))
try:
    next(gen)
except StopIteration as e:
    print('StopIteration, args={} value={}'.format(e.args, e.value))
# Once exhausted it stays exhausted.
try:
    next(gen)
except StopIteration:
    print('StopIteration again')


# The return value travels in StopIteration.value.
def with_result():
    yield 'a'
    return 'the result'


g = with_result()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('StopIteration.value =', repr(e.value))
# for / list() swallow StopIteration and discard the value.
print('list:', list(with_result()))


# The seed's code as written.
def mygen_seed(n):
    now = 0
    while now < n:
        yield now
        now += 1
    raise StopIteration


gen = mygen_seed(2)
print(next(gen))
print(next(gen))
try:
    next(gen)
except RuntimeError as e:
    print('RuntimeError: {} (cause: {})'.format(e, type(e.__cause__).__name__))
print('state:', getgeneratorstate(gen))

# Also through list(): the error is not swallowed like a normal end.
try:
    list(mygen_seed(3))
except RuntimeError as e:
    print('list(mygen_seed(3)) -> RuntimeError:', e)


# The classic hidden bug: next() on an empty iterator inside a generator.
def first_of_each(*iterables):
    for it in iterables:
        yield next(iter(it))


try:
    print(list(first_of_each([1, 2], [], [3])))
except RuntimeError as e:
    print('first_of_each -> RuntimeError:', e)
