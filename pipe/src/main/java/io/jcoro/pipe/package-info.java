/**
 * Push pipelines and event handling on jcoro coroutines: David Beazley's "A Curious Course on Coroutines and
 * Concurrency", parts 1 to 4, for Java. {@link java.util.stream.Stream} is pull-only and single-consumer and
 * {@link java.util.concurrent.Flow} is a protocol; this is the toolkit: sources push items into a chain of
 * {@link io.jcoro.pipe.Sink}s built from {@link io.jcoro.pipe.Stage}s, which may branch, cross threads, and keep
 * state on their own stack.
 *
 * <ul>
 *   <li>{@link io.jcoro.pipe.Sink}: one element of a pipeline, {@code send(item)} and {@code close()}.</li>
 *   <li>{@link io.jcoro.pipe.Stage}: a recipe for a piece of pipeline, composed left to right.</li>
 *   <li>{@link io.jcoro.pipe.Pipes}: the stages ({@code filter}, {@code map}, {@code grep}, {@code coroutine},
 *       {@code threaded}), the sinks ({@code to}, {@code printer}, {@code broadcast}, {@code fanIn}, ...) and
 *       {@code pump}, which drives a pipeline from a source.</li>
 *   <li>{@link io.jcoro.pipe.Sources}: lines of files and streams and {@code follow} ({@code tail -F}) as jcoro
 *       generators; XML parsers that push {@link io.jcoro.pipe.XmlEvent}s.</li>
 * </ul>
 *
 * <h2 id="invariants">Lifecycle invariants</h2>
 * Every sink made here keeps these; a hand-written {@link io.jcoro.pipe.Sink} should too. Each one has tests named
 * after it ({@code PipelineInvariantsTest}).
 *
 * <h3>P1 Order</h3>
 * Each sink receives items in the order they were sent into the pipeline, each at most once. A broadcast hands
 * each item to its targets in list order; a {@code threaded} hop keeps order.
 *
 * <h3>P2 Depth first</h3>
 * {@code send} returns when the item has gone as far down the pipeline as it goes: every stage below has handled
 * it. The one exception is a {@code threaded} hop, whose {@code send} returns once the item is queued.
 *
 * <h3>P3 Close once, top down</h3>
 * {@code close()} runs a sink's own clean-up first (a coroutine stage's {@code finally} blocks, which may still
 * send a last item) and then closes its downstream, so each sink below is closed once, after everything sent to
 * it. A second {@code close()} does nothing. A sink shared by several branches is closed by the first close that
 * reaches it; {@link io.jcoro.pipe.Pipes#fanIn} closes it after the last instead.
 *
 * <h3>P4 Finally blocks run</h3>
 * A coroutine stage's body always leaves through its {@code finally} blocks: on close ({@link io.jcoro.GeneratorExit}
 * raised at {@code receive()}), when it returns or throws, and when the pipeline below it fails or finishes
 * ({@code GeneratorExit} raised at {@code out.send} or {@code receive()}). A pipeline that is dropped without being
 * closed is closed by jcoro's cleaner once unreachable, as Python's garbage collector does; do not rely on it.
 *
 * <h3>P5 Exception transparency</h3>
 * An exception raised in a stage (its function, its body, or any sink below it) propagates, as the same object
 * and unwrapped even if checked, out of the {@code send} that caused it, up to the source ({@code pump} rethrows
 * it after closing both ends). No stage catches a downstream's exception: a coroutine stage's body is ended with
 * {@code GeneratorExit} instead and never sees it. Across a {@code threaded} hop, the sending side rethrows it from
 * its next {@code send} or from {@code close}.
 *
 * <h3>P6 Nothing after a failure</h3>
 * A stage that fails (by raising, or because a sink below it did) closes its downstream and takes no more items:
 * nothing is delivered below it afterwards, and sending to it throws {@link io.jcoro.StopIteration}. What it had
 * sent before failing is delivered first.
 *
 * <h3>P7 Finishing</h3>
 * A sink that takes no more items (a coroutine body that returned, a sink below that finished) says so by throwing
 * {@link io.jcoro.StopIteration} from {@code send}; the stages above it finish in turn, and {@code pump} stops and
 * closes its source. A broadcast drops a finished target and finishes when every target has.
 *
 * <h3>P8 One body, one stack</h3>
 * A coroutine's body runs on one stack at a time: a send into a coroutine (stage or sink) while its body runs, from
 * a second thread or from below through a cycle, is refused with {@link IllegalStateException} "generator already
 * executing" and changes nothing: a coroutine is never corrupted. The sink that made the refused send treats it as
 * any exception from below (P5, P6). A coroutine stage hands its first item per item on after its body has gone
 * back to waiting, so a cycle or a second thread that reaches it then is simply let in; functional stages never
 * check. Drive a pipeline from one thread at a time, and give a sink shared by threads to
 * {@link io.jcoro.pipe.Pipes#serialized}.
 *
 * <h2>Memory consistency</h2>
 * Within a pipeline, the rules of {@link io.jcoro} hold (a coroutine may be driven from different threads one after
 * another). Across a {@code threaded} hop, everything the sending thread did before {@code send(item)}
 * <i>happens-before</i> the target receives {@code item}, and everything the target did <i>happens-before</i> the
 * sender's {@code close()} returns.
 */
package io.jcoro.pipe;
