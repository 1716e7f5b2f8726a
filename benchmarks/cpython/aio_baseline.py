"""CPython 3.11 baselines for benchmarks/src/main/java/dev/coflow/benchmarks/aio (run: python3 aio_baseline.py).

Same workloads as the JMH classes: 100,000 coroutines that each await sleep(0), gathered (time per task);
call_soon of a small callback then running it (callbacks per second); the memory of a task suspended in
`await future` (tracemalloc, bytes per task).
"""
import asyncio
import gc
import time
import tracemalloc


async def one():
    await asyncio.sleep(0)


async def gather_sleep0(n):
    t0 = time.perf_counter()
    await asyncio.gather(*[one() for _ in range(n)])
    return time.perf_counter() - t0


def call_soon(n):
    loop = asyncio.new_event_loop()
    counter = [0]

    def cb():
        counter[0] += 1

    t0 = time.perf_counter()
    for _ in range(n):
        loop.call_soon(cb)
    loop.call_soon(loop.stop)
    loop.run_forever()
    t = time.perf_counter() - t0
    loop.close()
    return t


async def suspended_task_bytes(n):
    fut = asyncio.get_running_loop().create_future()

    async def waiter():
        await fut

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(waiter()) for _ in range(n)]
    await asyncio.sleep(0)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    fut.set_result(None)
    await asyncio.gather(*tasks)
    return (after - before) / n


if __name__ == '__main__':
    for _ in range(5):
        print('gather 100k x sleep(0): %.2f us/task' % (asyncio.run(gather_sleep0(100_000)) / 100_000 * 1e6))
    for _ in range(3):
        print('call_soon: %.2f M callbacks/s' % (1_000_000 / call_soon(1_000_000) / 1e6))
    print('suspended task: %.0f bytes/task' % asyncio.run(suspended_task_bytes(100_000)))
