# Seed section: 3. 生成器的执行状态 (GEN_CREATED, GEN_RUNNING, GEN_SUSPENDED, GEN_CLOSED).
# Modernised: the seed says GEN_RUNNING "can only be seen in multi-threaded programs"; it is
# visible single-threaded from inside the generator itself.
from inspect import getgeneratorstate


def mygen(n):
    now = 0
    while now < n:
        yield now
        now += 1


# The seed's example.
gen = mygen(2)
print(getgeneratorstate(gen))
print(next(gen))
print(getgeneratorstate(gen))
print(next(gen))
gen.close()  # close / finish the generator by hand
print(getgeneratorstate(gen))


# GEN_RUNNING, seen from inside: the generator inspects itself while it executes.
def selfaware():
    me = yield 'give me myself'
    yield 'inside: ' + getgeneratorstate(me)


g = selfaware()
print(next(g))
print(g.send(g))
print('outside:', getgeneratorstate(g))

# A generator that runs off its end is closed too.
g = mygen(1)
print(list(g))
print(getgeneratorstate(g))

# close() on a generator that never started goes straight to GEN_CLOSED.
g = mygen(3)
g.close()
print('closed before start:', getgeneratorstate(g))
