package io.jcoro.pipe;

import io.jcoro.GeneratorExit;

/**
 * Raised inside a coroutine stage's body, at {@code out.send} or {@code receive()}, when the pipeline below it
 * failed or takes no more. A {@link GeneratorExit}, so that the body ends as if closed (its {@code finally} blocks
 * run, {@code catch (Exception e)} does not swallow it) while the downstream's own exception goes upstream.
 */
final class DownstreamEnded extends GeneratorExit {
    private static final long serialVersionUID = 1L;

    DownstreamEnded() {
        super("the pipeline below this stage failed or takes no more items");
    }
}
