# Seed section: 5. 从生成器过渡到协程：yield (`jump = yield index`).
# `yield index` hands index out to the caller; `jump = yield` receives what the caller send()s.
# Modernised: nothing to change; the trace is extended to the end of the generator.


def jumping_range(N):
    index = 0
    while index < N:
        # the value passed to send() is assigned to jump
        print('  [gen] yield', index)
        jump = yield index
        print('  [gen] received', jump)
        if jump is None:
            jump = 1
        index += jump
    print('  [gen] done')


if __name__ == '__main__':
    itr = jumping_range(5)
    print(next(itr))
    print(itr.send(2))
    print(next(itr))
    print(itr.send(-1))
    # let it run to the end
    for rest in itr:
        print(rest)
    print(next(itr, 'END'))
