# Seed sections: 2. asyncio的几个概念 / 3. 学习协程是如何工作的 (event loop, coroutine, future, task;
# the four steps: create the coroutine, make it a task, get a loop, run until complete).
# Modernised: a fresh loop from asyncio.new_event_loop() instead of asyncio.get_event_loop()
# (which warns or fails in newer Pythons when no loop is set), and the one-line asyncio.run() form.
# asyncio task states are only PENDING, FINISHED and CANCELLED; we print done()/cancelled().
import asyncio


def state(fut):
    # the same value as the private fut._state
    if fut.cancelled():
        s = 'CANCELLED'
    else:
        s = 'FINISHED' if fut.done() else 'PENDING'
    assert s == fut._state
    return s


async def hello(name):
    print('Hello,', name)
    print('  inside hello: task state', state(asyncio.current_task()))


# 1. create the coroutine object (nothing runs yet)
coroutine = hello("World")

# 2. get an event loop
loop = asyncio.new_event_loop()

# 3. wrap the coroutine in a task (asyncio.ensure_future(coroutine, loop=loop) also works)
task = loop.create_task(coroutine)
print('task created: state={} done={} cancelled={}'.format(state(task), task.done(), task.cancelled()))
print('is a Future:', isinstance(task, asyncio.Future))

# 4. run the loop until the task is complete
loop.run_until_complete(task)
print('task run: state={} done={} cancelled={} result={}'.format(
    state(task), task.done(), task.cancelled(), task.result()))
loop.close()

# A plain Future: a result that somebody sets later; it has no coroutine.
loop = asyncio.new_event_loop()
fut = loop.create_future()
print('future: state={} done={}'.format(state(fut), fut.done()))
loop.call_soon(fut.set_result, 'set by a callback')
print('run_until_complete(fut) ->', loop.run_until_complete(fut))
print('future: state={} done={}'.format(state(fut), fut.done()))
loop.close()


# The modern one-liner: asyncio.run creates the loop, runs main as a task, closes the loop.
async def main():
    task = asyncio.create_task(hello("asyncio.run"))
    print('main: task state before await', state(task))
    await task
    print('main: task state after await', state(task))


asyncio.run(main())

# Why get_event_loop() is avoided: after asyncio.run() there is no current loop, and on 3.11
# get_event_loop() raises (the exact behaviour differs between Python versions).
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print('get_event_loop() after asyncio.run(): RuntimeError:', e)
