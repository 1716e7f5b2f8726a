# Seed section: 4. await与yield对比 (await vs yield from).
# Modernised: func1 uses @types.coroutine (@asyncio.coroutine was removed in 3.11); the seed's
# "yield from takes coroutine objects" holds only inside such generators, and "await needs a
# future or coroutine" is extended: any object with __await__ is awaitable.
import asyncio
import types
from collections.abc import Generator, Coroutine


@types.coroutine                 # the seed: @asyncio.coroutine
def func1():
    yield from asyncio.sleep(2)
    return 'func1 done'


async def func2():
    await asyncio.sleep(2)
    return 'func2 done'


c1, c2 = func1(), func2()
print('func1() is a Generator:', isinstance(c1, Generator))
print('func2() is a Coroutine:', isinstance(c2, Coroutine))


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    # both can be awaited and run concurrently
    print(await asyncio.gather(c1, c2))
    print('Time: {}'.format(round(loop.time() - start)))


asyncio.run(main())

# asyncio.sleep(n) returns a coroutine object.
s = asyncio.sleep(1)
print('asyncio.sleep(1) is a', type(s).__name__)
s.close()


# yield from takes any iterable; await does not.
def gen():
    yield from [1, 2]
    yield from 'ab'


print('yield from iterables:', list(gen()))


async def await_list():
    await [1, 2]


try:
    asyncio.run(await_list())
except TypeError as e:
    print('await [1, 2]: TypeError:', e)


# await takes any awaitable: coroutine, Future/Task, or an object whose __await__ returns an iterator.
class Ready:
    def __await__(self):
        yield from asyncio.sleep(0).__await__()
        return 'custom awaitable done'


async def await_things():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 'future done')
    print('await Future ->', await fut)
    print('await Task ->', await asyncio.create_task(func2()))
    print('await custom ->', await Ready())
    try:
        await 42
    except TypeError as e:
        print('await 42: TypeError:', e)


asyncio.run(await_things())


# Inside a plain generator, yield from a Future yields the Future itself (that is how await works).
def plain(fut):
    result = yield from fut
    return result


loop = asyncio.new_event_loop()
fut = loop.create_future()
g = plain(fut)
print('yield from a pending Future yields it:', next(g) is fut)
fut.set_result('the result')
try:
    g.send(None)
except StopIteration as e:
    print('then returns its result:', e.value)
loop.close()
