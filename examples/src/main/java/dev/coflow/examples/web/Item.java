package dev.coflow.examples.web;

/**
 * One streamed item: its index and an optional padding text (to make items as large as a test or a demo
 * wants).
 *
 * <p>Thread-safety: immutable.
 *
 * <pre>{@code
 * new Item(0, "")   // {"n":0,"payload":""}
 * }</pre>
 *
 * @param n the item's index, from 0
 * @param payload padding, {@code pad} characters long
 */
public record Item(long n, String payload) {}
