# Seed section: 5. 绑定回调函数 (task.result() and task.add_done_callback).
# Modernised: _sleep awaits asyncio.sleep instead of blocking in time.sleep; the seed's missing
# `callback` is defined (it receives the finished future); a fresh loop replaces get_event_loop().
import asyncio
import functools


async def _sleep(x):
    await asyncio.sleep(x)               # the seed: time.sleep(2), which blocks the loop
    return 'Slept for {} seconds!'.format(x)   # the seed: '暂停了{}秒！'


def callback(future):
    print('Callback: the result is', future.result())


def callback_with_tag(tag, future):
    print('Callback {}: done={} cancelled={}'.format(tag, future.done(), future.cancelled()))


# 1. The synchronous style: run the task, then ask it for its result.
loop = asyncio.new_event_loop()
coroutine = _sleep(2)
task = asyncio.ensure_future(coroutine, loop=loop)
try:
    task.result()
except asyncio.InvalidStateError as e:
    print('result() before the task is done: InvalidStateError:', e)
start = loop.time()
loop.run_until_complete(task)
print('Time: {}'.format(round(loop.time() - start)))
# task.result() gives the return value
print('Result: {}'.format(task.result()))

# 2. The callback style: the loop calls callback(task) once the task is done.
coroutine = _sleep(2)
task = asyncio.ensure_future(coroutine, loop=loop)
task.add_done_callback(callback)
# extra arguments go through functools.partial; callbacks run in registration order
task.add_done_callback(functools.partial(callback_with_tag, 'two'))
loop.run_until_complete(task)
print('run_until_complete returned after the callbacks ran')
loop.close()


# The same with asyncio.run.
async def main():
    task = asyncio.create_task(_sleep(1))
    task.add_done_callback(callback)
    result = await task
    print('main awaited:', result)


asyncio.run(main())
