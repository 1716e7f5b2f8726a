# Seed sections: 3. 为什么要使用yield from / 3.1 因为它可以帮我们处理异常 / 2.2 复杂应用：生成器的嵌套
# (caller 调用方, delegating generator 委托生成器, subgenerator 子生成器).
# Modernised: output strings translated to English; a hand-written delegator shows what
# yield from saves us from (StopIteration.value, throw/close forwarding).
from inspect import getgeneratorstate


# Subgenerator
def average_gen():
    total = 0
    count = 0
    average = 0
    while True:
        new_num = yield average
        if new_num is None:
            break
        count += 1
        total += new_num
        average = total / count
    # every return ends the current subgenerator
    return total, count, average


# Delegating generator
def proxy_gen():
    while True:
        # the left-hand side is only assigned when the subgenerator returns
        total, count, average = yield from average_gen()
        print("done: count={} total={} average={}".format(count, total, average))


# Caller
def main():
    calc_average = proxy_gen()
    print(next(calc_average))          # prime the coroutine: 0
    print(calc_average.send(10))       # 10.0
    print(calc_average.send(20))       # 15.0
    print(calc_average.send(30))       # 20.0
    # ends the subgenerator; proxy_gen's while loop starts a fresh average_gen, which yields 0
    print(calc_average.send(None))
    print(calc_average.send(5))        # 5.0: a new average


main()


# What yield from does for us, written by hand (simplified PEP 380 expansion: send + throw).
def proxy_gen_by_hand():
    sub = average_gen()
    value = next(sub)
    while True:
        try:
            sent = yield value
        except GeneratorExit:
            sub.close()
            raise
        except BaseException as exc:
            try:
                value = sub.throw(exc)
            except StopIteration as stop:
                result = stop.value
                break
        else:
            try:
                value = sub.send(sent)
            except StopIteration as stop:
                result = stop.value
                break
    total, count, average = result
    print("by hand done: count={} total={} average={}".format(count, total, average))


h = proxy_gen_by_hand()
print(next(h), h.send(10), h.send(20), h.send(30))
print(next(h, 'END'))


# Exceptions travel through yield from: throw() reaches the innermost yield.
def sub():
    try:
        while True:
            try:
                x = yield 'sub ready'
                print('  sub got', x)
            except ValueError as e:
                print('  sub handled ValueError:', e)
                yield 'sub recovered'
    finally:
        print('  sub finally')


def outer():
    try:
        result = yield from sub()
        print('  outer got', result)
    finally:
        print('  outer finally')


g = outer()
print(next(g))
print(g.send(1))
print(g.throw(ValueError('bad value')))   # caught in sub, which yields
print(next(g))
try:
    g.throw(KeyError('nobody catches this'))  # unwinds sub, then outer
except KeyError as e:
    print('caller got KeyError:', e)
print('outer state:', getgeneratorstate(g))

# close() closes the subgenerator first, then the delegator.
g = outer()
next(g)
g.close()
print('closed:', getgeneratorstate(g))


# Nested generators: outer -> middle -> inner.
def inner():
    x = yield 'inner-1'
    yield 'outermost seen from inner: ' + getgeneratorstate(root[0])
    return 'inner-ret({})'.format(x)


def middle():
    r = yield from inner()
    return 'middle-ret({})'.format(r)


def outermost():
    r = yield from middle()
    yield 'outer got ' + r


root = [None]  # lets inner look at the outermost generator
o = outermost()
root[0] = o
print(next(o))
m = o.gi_yieldfrom
i = m.gi_yieldfrom
print('chain:', o.gi_code.co_name, '->', m.gi_code.co_name, '->', i.gi_code.co_name)
print('states:', getgeneratorstate(o), getgeneratorstate(m), getgeneratorstate(i))
print(o.send('B'))     # the outermost is GEN_RUNNING while the innermost runs
print(next(o))         # inner and middle return, outer continues
print('states:', getgeneratorstate(o), getgeneratorstate(m), getgeneratorstate(i))
print(next(o, 'END'))
