# Seed sections: 1. 如何定义/创建协程 / 两种方法创建协程 (async def, and @asyncio.coroutine).
# Modernised: @asyncio.coroutine was removed in Python 3.11; a generator-based coroutine is now
# written with @types.coroutine. Coroutines are run with asyncio.run().
import asyncio
import inspect
import types
from collections.abc import Coroutine, Awaitable, Generator, Iterable


# Way 1: async def. hello is a *coroutine function*; calling it gives a coroutine object.
async def hello(name):
    print('Hello,', name)
    return 'hello done'


coroutine = hello("World")          # runs nothing yet
print('type:', type(coroutine).__name__)
print('iscoroutinefunction(hello):', inspect.iscoroutinefunction(hello))
print('isinstance Coroutine:', isinstance(coroutine, Coroutine))
print('isinstance Awaitable:', isinstance(coroutine, Awaitable))
print('isinstance Generator:', isinstance(coroutine, Generator))
print('isinstance Iterable:', isinstance(coroutine, Iterable))
print('state:', inspect.getcoroutinestate(coroutine))
print('asyncio.run ->', asyncio.run(coroutine))
print('state:', inspect.getcoroutinestate(coroutine))

# A coroutine is driven like a generator: send(None) runs it, StopIteration carries the result.
coroutine = hello("by hand")
try:
    coroutine.send(None)
except StopIteration as e:
    print('StopIteration.value =', repr(e.value))

# Way 2 in the seed: @asyncio.coroutine. Removed in 3.11.
try:
    asyncio.coroutine
except AttributeError as e:
    print('@asyncio.coroutine: AttributeError:', e)
print('@asyncio.coroutine was removed in Python 3.11; use async def, or @types.coroutine for generator-based code')


# The generator-based coroutine, written today with @types.coroutine.
@types.coroutine
def hello_gen(name):
    print('Hello from a generator-based coroutine,', name)
    yield from asyncio.sleep(1)     # allowed: types.coroutine marks the generator as awaitable
    return 'gen done'


coroutine = hello_gen("World")
print('type:', type(coroutine).__name__)
print('isinstance Generator:', isinstance(coroutine, Generator))
print('isinstance Coroutine:', isinstance(coroutine, Coroutine))
print('inspect.isawaitable:', inspect.isawaitable(coroutine))
coroutine.close()


async def main():
    # an async def can await the generator-based coroutine
    return await hello_gen("asyncio")


print('asyncio.run ->', asyncio.run(main()))


# Without the decorator, a plain generator may not yield from a coroutine.
def plain_gen(coro):
    yield from coro


sleeper = asyncio.sleep(1)
try:
    next(plain_gen(sleeper))
except TypeError as e:
    print('plain generator: TypeError:', e)
sleeper.close()   # never awaited: close it so Python does not warn


# async def with a yield inside is an async generator, not a coroutine.
async def ticker():
    yield 1


print('async def + yield:', type(ticker()).__name__,
      'iscoroutinefunction:', inspect.iscoroutinefunction(ticker))
