package dev.coflow.examples.tour;

import static dev.coflow.examples.tour.Py.print;

import dev.coflow.gen.Generator;
import dev.coflow.gen.Iter;

/**
 * Topic 05, from generator to coroutine: {@code jump = yield index} (seed: 5. 从生成器过渡到协程：yield).
 * {@code y.yield(index)} hands {@code index} to the caller and returns what the caller
 * {@link Generator#send sends} ({@code null} for {@code next()}).
 *
 * <pre>{@code
 * Integer jump = y.yield(index);   // jump = yield index
 * }</pre>
 */
public final class T05JumpingRange {
    private T05JumpingRange() {}

    static Generator<Integer, Integer, Void> jumpingRange(int n) {
        return Generator.of(y -> {
            int index = 0;
            while (index < n) {
                // the value passed to send() is assigned to jump
                print("  [gen] yield", index);
                Integer jump = y.yield(index);
                print("  [gen] received", jump);
                if (jump == null) {
                    jump = 1;
                }
                index += jump;
            }
            print("  [gen] done");
            return null;
        });
    }

    /** Prints what {@code seed/05-jumping-range.py} prints. */
    public static void main(String[] args) {
        Generator<Integer, Integer, Void> itr = jumpingRange(5);
        print(itr.next());
        print(itr.send(2));
        print(itr.next());
        print(itr.send(-1));
        // let it run to the end
        for (Integer rest : itr) {
            print(rest);
        }
        print(Iter.next(itr.iterator(), "END"));
    }
}
