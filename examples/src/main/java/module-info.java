/**
 * Coflow's examples: the seed tour ({@code dev.coflow.examples.tour}), each topic of the seed tutorial
 * written with Coflow and checked against CPython's output.
 */
module dev.coflow.examples {
    requires dev.coflow.core;
    requires static org.jspecify;
    // Topic 11 reads asyncio's debug-mode warnings, which Coflow logs through System.Logger (JUL by default).
    requires java.logging;

    exports dev.coflow.examples.tour;
}
