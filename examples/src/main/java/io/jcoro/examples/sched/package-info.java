/**
 * jcoro-sched's examples: Beazley's operating system (pyos3 to pyos8 and the echo servers) with his output, and
 * the worked simulation example.
 */
package io.jcoro.examples.sched;
