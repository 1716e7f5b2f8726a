# Seed section: 可迭代对象 / 迭代器 (iterables and iterators, "关于可迭代对象，有几点需要补充说明").
# Modernised: the seed says "__getitem__ is probed from index 0 without raising" -- in fact iter()
# never calls __getitem__; it only checks that the type has one. iter() is the reliable test.
from collections.abc import Iterable, Iterator, Generator
from collections import deque


def show(label, obj):
    # the seed's table: is it an Iterable / Iterator / Generator?
    print('{}: Iterable={} Iterator={} Generator={}'.format(
        label, isinstance(obj, Iterable), isinstance(obj, Iterator), isinstance(obj, Generator)))


astr = "XiaoMing"
alist = [21, 23, 32, 19]
adict = {"name": "wangbm", "gender": "male", "age": 18}
adeque = deque('abcdefg')
aIterator = iter(astr)
agen = (x * x for x in range(3))

show('str', astr)
show('list', alist)
show('dict', adict)
show('deque', adeque)
show('iter(str)', aIterator)
show('generator', agen)

# An iterator is its own iterator; an iterable gives a fresh one each time.
print('iter(aIterator) is aIterator:', iter(aIterator) is aIterator)
print('iter(alist) is iter(alist):', iter(alist) is iter(alist))
try:
    next(alist)
except TypeError as e:
    print('next(list) -> TypeError:', e)


# The seed's advice: decide by really calling iter() (or a for loop).
def isIterable(obj):
    try:
        iter(obj)
        return True
    except TypeError:
        return False


class Nothing:
    pass


class Employee:
    """Only __getitem__, no __iter__: Python falls back to indexing from 0 until IndexError."""

    def __init__(self, names):
        self.names = names
        self.calls = []

    def __getitem__(self, i):
        self.calls.append(i)
        return self.names[i]   # raises IndexError past the end


emp = Employee(['Tom', 'Bob', 'Jack'])
print("'__iter__' in dir(emp):", '__iter__' in dir(emp))
print("'__getitem__' in dir(emp):", '__getitem__' in dir(emp))
print('isIterable(emp):', isIterable(emp))
print('__getitem__ calls made by iter():', emp.calls)
print('isinstance(emp, Iterable):', isinstance(emp, Iterable))
for name in emp:
    print('for loop got:', name)
print('__getitem__ calls made by the for loop:', emp.calls)
print('list(Employee):', list(Employee(['x', 'y'])))

print('isIterable(5):', isIterable(5))
print('isIterable(Nothing()):', isIterable(Nothing()))
print('isIterable("abc"):', isIterable("abc"))
try:
    for _ in Nothing():
        pass
except TypeError as e:
    print('for over Nothing() -> TypeError:', e)


# Iterators are lazy too (the seed claims only generators are): values are made on demand.
class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        print('  computing', self.n)
        self.n -= 1
        return self.n + 1


it = Countdown(2)
print('Countdown created, nothing computed yet')
print('next ->', next(it))
print('next ->', next(it))
print('next with default ->', next(it, 'END'))
