# Seed section: 2.12 生成器与协程，你分清了吗？ / 协程的优点 / 协程的缺点
# (tens of thousands of coroutines are cheap; they all run on one thread; to use several cores
# run one event loop per thread/process).
# Modernised: asyncio.run / new_event_loop per thread; the seed's "no locks needed" is qualified:
# a read-modify-write that spans an await still races (asyncio.Lock fixes it).
import asyncio
import threading

N = 10000


# Strength: one loop runs 10000 coroutines; each costs a small object, not an OS thread.
async def tiny(i, threads):
    threads.add(threading.current_thread().name)
    await asyncio.sleep(0)
    return i


async def many():
    threads = set()
    results = await asyncio.gather(*(tiny(i, threads) for i in range(N)))
    print('finished coroutines:', len(results))
    print('sum of results:', sum(results))
    # Limit: they all ran on one thread, the loop's.
    print('threads used:', sorted(threads))
    print('same thread as the caller:', threads == {threading.current_thread().name})


asyncio.run(many())


# "No locks needed" holds only between awaits. A read, an await, then a write loses updates.
counter = 0


async def unsafe_increment():
    global counter
    value = counter
    await asyncio.sleep(0)       # another task runs here and reads the same value
    counter = value + 1


async def safe_increment(lock):
    global counter
    async with lock:
        value = counter
        await asyncio.sleep(0)
        counter = value + 1


async def races():
    global counter
    counter = 0
    await asyncio.gather(*(unsafe_increment() for _ in range(100)))
    print('100 unsafe increments ->', counter)
    counter = 0
    lock = asyncio.Lock()
    await asyncio.gather(*(safe_increment(lock) for _ in range(100)))
    print('100 increments under asyncio.Lock ->', counter)


asyncio.run(races())


# Limit: one loop uses one core. To use more, run one loop per core, each in its own thread
# (or process); each loop only runs its own tasks on its own thread. Two loops here, so the
# output does not depend on the machine's core count. (CPython's GIL lets only one thread run
# Python code at a time, so CPU-bound work needs processes there; the JVM has no GIL.)
async def do_some_work(loop_id, x):
    await asyncio.sleep(x)
    return 'loop {} task {} on {}'.format(loop_id, x, threading.current_thread().name)


def run_loop(loop_id, results):
    loop = asyncio.new_event_loop()
    try:
        async def main():
            return await asyncio.gather(*(do_some_work(loop_id, x) for x in (1, 2)))
        start = loop.time()
        lines = loop.run_until_complete(main())
        lines.append('loop {} Time: {}'.format(loop_id, round(loop.time() - start)))
        results[loop_id] = lines
    finally:
        loop.close()


results = {}
threads = [threading.Thread(target=run_loop, args=(i, results), name='loop-thread-{}'.format(i))
           for i in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
# print in loop order, not in completion order
for loop_id in sorted(results):
    for line in results[loop_id]:
        print(line)
