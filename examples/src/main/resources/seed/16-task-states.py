# Seed section: 3. 协程中的状态 (Pending / Running / Done / Cancelled).
# Modernised: asyncio futures and tasks have only three states, PENDING, FINISHED and CANCELLED.
# A task that is executing or suspended is still PENDING; done() is True for FINISHED and
# CANCELLED. The seed printed task reprs from another thread; we print the states from inside.
# A RUNNING state exists only in concurrent.futures (shown at the end).
import asyncio
import concurrent.futures
import threading


def state(fut):
    # the same value as the private fut._state
    if fut.cancelled():
        s = 'CANCELLED'
    else:
        s = 'FINISHED' if fut.done() else 'PENDING'
    assert s == fut._state
    return s


def show(label, task):
    print('{}: state={} done={} cancelled={}'.format(label, state(task), task.done(), task.cancelled()))


async def hello():
    print('Running in the loop...')
    me = asyncio.current_task()
    show('  while running', me)
    await asyncio.sleep(1)
    print('Stop the loop')
    return 'hello result'


async def main():
    task = asyncio.create_task(hello())
    show('created (Pending)', task)
    await asyncio.sleep(0)                       # let hello start; it is now suspended in sleep(1)
    show('suspended in await', task)
    await task
    show('finished (Done)', task)
    print('result:', task.result())
    print('cancel() on a done task:', task.cancel())

    # Cancelled
    task = asyncio.create_task(hello())
    await asyncio.sleep(0)
    print('cancel():', task.cancel())
    show('right after cancel()', task)           # still PENDING until CancelledError propagates
    try:
        await task
    except asyncio.CancelledError:
        print('awaiting it raised CancelledError')
    show('cancelled', task)
    try:
        task.result()
    except asyncio.CancelledError:
        print('result() raises CancelledError')

    # A task that raised is FINISHED too; the exception replaces the result.
    async def boom():
        raise ValueError('boom')

    task = asyncio.create_task(boom())
    await asyncio.wait([task])
    show('raised', task)
    print('exception():', repr(task.exception()))


asyncio.run(main())

# concurrent.futures (threads) does have a RUNNING state.
started, release = threading.Event(), threading.Event()


def work():
    started.set()
    release.wait()
    return 'thread result'


with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
    f = pool.submit(work)
    started.wait()
    print('concurrent.futures: running()={} done()={}'.format(f.running(), f.done()))
    print('cancel() while running:', f.cancel())
    release.set()
    print('result:', f.result())
    print('concurrent.futures: running()={} done()={}'.format(f.running(), f.done()))
