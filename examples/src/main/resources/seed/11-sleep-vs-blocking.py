# Seed sections: asyncio.sleep(n) "模拟IO阻塞" / 协程的缺点 (2) 进行阻塞操作会阻塞掉整个程序.
# Modernised: use `await asyncio.sleep(n)`, never a blocking `time.sleep(n)` inside async def:
# a blocking call stops the whole event loop, so the tasks run one after another. asyncio's debug
# mode reports such slow steps ("Executing <Task ...> took 0.201 seconds"); we capture that
# warning and print it without the timing digits.
import asyncio
import logging
import re
import time


async def do_some_work(x):
    print('start', x)
    await asyncio.sleep(1)           # suspends only this task
    print('end', x)


# loop.time() is the wall clock (time.monotonic) in CPython. The blocking variant therefore sleeps
# only UNIT = 0.2 s per task and prints the elapsed time rounded to whole UNITs, so a virtual-time
# loop prints the same number.
UNIT = 0.2


async def do_some_blocking_work(x):
    print('start', x)
    time.sleep(UNIT)                 # blocks the loop: no other task can run meanwhile
    print('end', x)


async def main(work):
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(*(work(i) for i in range(3)))
    return loop.time() - start


print('-- await asyncio.sleep(1) in 3 tasks: they overlap')
elapsed = asyncio.run(main(do_some_work))
print('Time: {}'.format(round(elapsed)))


# Debug mode logs every loop step that takes longer than loop.slow_callback_duration (0.1 s).
class SlowCallbackPrinter(logging.Handler):
    def emit(self, record):
        text = record.getMessage()   # "Executing <Task ... coro=<do_some_blocking_work() ...> took 0.201 seconds"
        m = re.match(r"Executing <Task .*?coro=<(\w+)\(\).*> took ([0-9.]+) seconds", text)
        if m:
            print('asyncio debug warning: Executing <Task coro={}()> took {} units'.format(
                m.group(1), round(float(m.group(2)) / UNIT)))
        else:
            print('asyncio log:', record.levelname)


asyncio_logger = logging.getLogger('asyncio')
asyncio_logger.addHandler(SlowCallbackPrinter())
asyncio_logger.propagate = False

print('-- time.sleep({}) in 3 tasks, debug mode: they run serially'.format(UNIT))
elapsed = asyncio.run(main(do_some_blocking_work), debug=True)
print('Time: {} units of {}s'.format(round(elapsed / UNIT), UNIT))
