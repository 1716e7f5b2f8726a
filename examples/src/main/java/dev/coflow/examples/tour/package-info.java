/**
 * The seed tour: one class per topic of the seed tutorial on Python's generators, coroutines and
 * asyncio, each written the way the Python reads and printing what CPython 3.11 prints (the reference
 * scripts and outputs are the {@code seed/NN-slug.py} and {@code .out} resources). {@link
 * dev.coflow.examples.tour.SeedTour} runs them all.
 */
@NullMarked
package dev.coflow.examples.tour;

import org.jspecify.annotations.NullMarked;
