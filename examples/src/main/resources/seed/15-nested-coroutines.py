# Seed section: 2. 协程中的嵌套 (an outer coroutine awaits inner ones: wait, gather, as_completed).
# Modernised: asyncio.run / a fresh loop instead of get_event_loop(); wait()'s done set is sorted
# before printing; elapsed time is printed in whole seconds of loop.time().
import asyncio


# inner coroutine function
async def do_some_work(x):
    print('Waiting: ', x)
    await asyncio.sleep(x)
    return 'Done after {}s'.format(x)


def make_tasks():
    # create three coroutine objects and turn them into tasks
    coroutine1 = do_some_work(1)
    coroutine2 = do_some_work(2)
    coroutine3 = do_some_work(4)
    return [
        asyncio.ensure_future(coroutine1),
        asyncio.ensure_future(coroutine2),
        asyncio.ensure_future(coroutine3)
    ]


def timed(label, main):
    print('--', label)
    loop = asyncio.new_event_loop()
    start = loop.time()
    ret = loop.run_until_complete(main())
    print('Time: {}'.format(round(loop.time() - start)))
    loop.close()
    return ret


# 1. await asyncio.wait inside; dones = finished tasks, pendings = unfinished tasks
async def main_wait():
    tasks = make_tasks()
    dones, pendings = await asyncio.wait(tasks)
    for result in sorted(task.result() for task in dones):
        print('Task ret: ', result)


timed('await asyncio.wait(tasks)', main_wait)


# 2. await asyncio.gather inside
async def main_gather():
    tasks = make_tasks()
    results = await asyncio.gather(*tasks)
    for result in results:
        print('Task ret: ', result)


timed('await asyncio.gather(*tasks)', main_gather)


# 3. return the gather's results to the caller
async def main_return_gather():
    tasks = make_tasks()
    return await asyncio.gather(*tasks)


results = timed('return await asyncio.gather(*tasks)', main_return_gather)
for result in results:
    print('Task ret: ', result)


# 4. return the wait's (done, pending) to the caller
async def main_return_wait():
    tasks = make_tasks()
    return await asyncio.wait(tasks)


done, pending = timed('return await asyncio.wait(tasks)', main_return_wait)
for result in sorted(task.result() for task in done):
    print('Task ret: ', result)


# 5. asyncio.as_completed: results in completion order
async def main_as_completed():
    tasks = make_tasks()
    for task in asyncio.as_completed(tasks):
        result = await task
        print('Task ret: {}'.format(result))


timed('asyncio.as_completed(tasks)', main_as_completed)


# 6. completion order differs from argument order: as_completed follows completion, gather the arguments
async def main_order():
    tasks = [asyncio.ensure_future(do_some_work(x)) for x in (2, 1)]
    for aw in asyncio.as_completed(tasks):
        print('as_completed ->', await aw)
    print('gather ->', await asyncio.gather(*tasks))


timed('order: as_completed vs gather', main_order)


# An await chain runs inside one task: the nested coroutine sees the same current_task().
async def inner():
    return asyncio.current_task()


async def outer():
    return asyncio.current_task() is await inner()


print('nested await runs in the same task:', asyncio.run(outer()))
