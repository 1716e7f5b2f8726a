# Seed section: 1. 协程中的并发 (asyncio.gather(*tasks)) and how it differs from asyncio.wait().
# Modernised: asyncio.run instead of get_event_loop(); wait()'s done set is sorted before printing.
import asyncio


async def do_some_work(x):
    print('Waiting: ', x)
    await asyncio.sleep(x)
    return 'Done after {}s'.format(x)


loop = asyncio.new_event_loop()
coroutine1 = do_some_work(1)
coroutine2 = do_some_work(2)
coroutine3 = do_some_work(4)
tasks = [
    loop.create_task(coroutine1),
    loop.create_task(coroutine2),
    loop.create_task(coroutine3)
]
start = loop.time()
# mind the "*": gather takes the awaitables as separate arguments
results = loop.run_until_complete(asyncio.gather(*tasks))
print('Time: {}'.format(round(loop.time() - start)))
for task in tasks:
    print('Task ret: ', task.result())
print('gather returned a {}: {}'.format(type(results).__name__, results))
loop.close()


# Differences between gather and wait.
async def main():
    # 1. gather accepts bare coroutines; wait needs tasks.
    print(await asyncio.gather(do_some_work(2), do_some_work(1)))

    # 2. gather's results are in argument order, whatever the completion order;
    #    wait returns (done, pending) sets with no order.
    tasks = [asyncio.create_task(do_some_work(x)) for x in (2, 1)]
    done, pending = await asyncio.wait(tasks)
    print('wait: done is a {}, pending is a {} of size {}'.format(
        type(done).__name__, type(pending).__name__, len(pending)))
    print('wait results, sorted:', sorted(t.result() for t in done))

    # 3. An exception: gather raises the first one (or returns it with return_exceptions=True);
    #    wait never raises, the exception stays in the task.
    async def fail(x):
        await asyncio.sleep(x)
        raise ValueError('failed after {}s'.format(x))

    try:
        await asyncio.gather(do_some_work(1), fail(1))
    except ValueError as e:
        print('gather raised ValueError:', e)
    print(await asyncio.gather(do_some_work(1), fail(1), return_exceptions=True))
    t = asyncio.create_task(fail(1))
    done, pending = await asyncio.wait([t])
    print('wait did not raise; task.exception():', repr(t.exception()))

    # 4. wait can stop early (return_when, timeout); gather always waits for all.
    tasks = [asyncio.create_task(do_some_work(x)) for x in (1, 2)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print('FIRST_COMPLETED: {} done, {} pending'.format(len(done), len(pending)))
    await asyncio.wait(pending)


asyncio.run(main())
