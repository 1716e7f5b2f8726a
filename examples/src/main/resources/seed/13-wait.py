# Seed section: 1. 协程中的并发 (register many tasks with asyncio.wait()).
# Modernised: a fresh loop / asyncio.run instead of get_event_loop(); wait() needs tasks (bare
# coroutines are a TypeError in 3.11); its done set is a set, so we sort before printing.
import asyncio


# coroutine function
async def do_some_work(x):
    print('Waiting: ', x)
    await asyncio.sleep(x)
    return 'Done after {}s'.format(x)


loop = asyncio.new_event_loop()

# coroutine objects
coroutine1 = do_some_work(1)
coroutine2 = do_some_work(2)
coroutine3 = do_some_work(4)

# turn the coroutines into tasks, in a list
tasks = [
    loop.create_task(coroutine1),     # the seed: asyncio.ensure_future(coroutine1)
    loop.create_task(coroutine2),
    loop.create_task(coroutine3)
]

start = loop.time()
dones, pendings = loop.run_until_complete(asyncio.wait(tasks))
print('Time: {}'.format(round(loop.time() - start)))   # max(1, 2, 4), not the sum

for task in tasks:
    print('Task ret: ', task.result())

print('wait returned sets: {} {}, sizes {} {}'.format(
    type(dones).__name__, type(pendings).__name__, len(dones), len(pendings)))
# a set has no useful order: sort the results
print('sorted done results:', sorted(t.result() for t in dones))
loop.close()


# Bare coroutines are rejected by wait() in 3.11 (the seed wraps them, which is why it works).
async def bare():
    coros = [do_some_work(1), do_some_work(2)]
    try:
        await asyncio.wait(coros)
    except TypeError as e:
        print('wait(coroutines): TypeError:', e)
    for c in coros:
        c.close()   # never started; close to avoid "never awaited" warnings


asyncio.run(bare())


# wait() can return early: FIRST_COMPLETED or a timeout. It never cancels what is still pending.
async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = [asyncio.create_task(do_some_work(x)) for x in (1, 2, 4)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print('FIRST_COMPLETED at Time {}: done {} pending {}'.format(
        round(loop.time() - start), sorted(t.result() for t in done), len(pending)))
    done, pending = await asyncio.wait(pending, timeout=2)
    print('timeout=2 at Time {}: done {} pending {}'.format(
        round(loop.time() - start), sorted(t.result() for t in done), len(pending)))
    done, pending = await asyncio.wait(pending)
    print('ALL_COMPLETED at Time {}: done {} pending {}'.format(
        round(loop.time() - start), sorted(t.result() for t in done), len(pending)))


asyncio.run(main())
