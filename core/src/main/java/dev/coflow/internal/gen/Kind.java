package dev.coflow.internal.gen;

/** What a {@link GeneratorCore} drives; the word appears in Python's messages. */
public enum Kind {
    GENERATOR("generator"),
    COROUTINE("coroutine"),
    ASYNC_GENERATOR("async generator");

    private final String word;

    Kind(String word) {
        this.word = word;
    }

    /** {@code generator}, {@code coroutine} or {@code async generator}. */
    public String word() {
        return word;
    }
}
