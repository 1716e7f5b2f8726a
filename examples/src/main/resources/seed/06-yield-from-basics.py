# Seed section: 2. yield from的用法详解 (yield from flattens any iterable; the two-way channel).
# Modernised: dict iteration order is insertion order (guaranteed since 3.7), so the output is fixed.
from itertools import chain

astr = 'ABC'                               # string
alist = [1, 2, 3]                          # list
adict = {"name": "wangbm", "age": 18}      # dict (iterates over keys)
agen = (i for i in range(4, 8))            # generator


# With plain yield: two nested loops.
def gen(*args, **kw):
    for item in args:
        for i in item:
            yield i


new_list = gen(astr, alist, adict, agen)
print(list(new_list))


# With yield from: one line does the inner loop.
def gen(*args, **kw):
    for item in args:
        yield from item


agen = (i for i in range(4, 8))
new_list = gen(astr, alist, adict, agen)
print(list(new_list))

# itertools.chain does the same.
agen = (i for i in range(4, 8))
print(list(chain(astr, alist, adict, agen)))


# yield from is a two-way channel: send() from the caller goes straight to the subgenerator,
# and what the subgenerator yields goes straight back to the caller.
def echo():
    received = None
    while True:
        received = yield 'echo: {}'.format(received)
        if received == 'stop':
            return 'echo stopped'


def delegator():
    result = yield from echo()
    print('  delegator got return value:', repr(result))
    yield 'delegator continues'


d = delegator()
print(next(d))
print(d.send('hello'))
print(d.send(42))
print(d.send('stop'))
print(next(d, 'END'))
