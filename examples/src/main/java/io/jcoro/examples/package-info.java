/**
 * Classic Python generator and coroutine programs, in Java with jcoro: each class shows the Python original in its
 * comment, keeps its shape as far as Java allows, and prints exactly what the original prints.
 * {@link io.jcoro.examples.Main} runs them by name ({@code bin/examples --help} lists them); the pipelines of
 * Beazley's course are in {@link io.jcoro.examples.pipe}.
 */
package io.jcoro.examples;
