/**
 * Generators and coroutines with Python's protocol (PEP 255, 342, 380, 479), stackful, for Java 21+.
 *
 * <p>The vocabulary is small:
 * <ul>
 *   <li>{@link io.jcoro.Generator}: a body that yields values, accepts values sent in, and returns a result;
 *       {@code next}, {@code send}, {@code throwIn}, {@code close}, exactly as in Python.</li>
 *   <li>{@link io.jcoro.Yielder}: what a body is given; {@code yield}, {@code yieldFrom}, {@code yieldAll}.</li>
 *   <li>{@link io.jcoro.Coroutine}: a primed consumer (Beazley's {@code @coroutine}): {@code send} works at once.</li>
 *   <li>{@link io.jcoro.StopIteration}, {@link io.jcoro.GeneratorExit}: Python's two control exceptions.</li>
 * </ul>
 *
 * <h2 id="MemoryVisibility">Memory consistency</h2>
 * Everything a caller did before {@code next}/{@code send}/{@code throwIn}/{@code close} <i>happens-before</i> the body
 * resumes, and everything the body did before it yields or ends <i>happens-before</i> that call returns, whichever
 * thread the caller and the body run on. A generator may therefore be driven from different threads one after
 * another; it may not be driven from two threads at once (the second gets "generator already executing").
 */
package io.jcoro;
