/**
 * The seed programs, in Java with jcoro: each class is one Python example from the teaching texts the project
 * starts from, kept as close to the original's shape as Java allows, and printing exactly what the original prints.
 * {@link io.jcoro.examples.Main} runs them by name, or all of them in the order the texts present them.
 */
package io.jcoro.examples;
