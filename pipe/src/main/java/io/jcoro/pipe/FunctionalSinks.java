package io.jcoro.pipe;

import io.jcoro.Coroutine;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The functional stages and the plain sinks: objects that call the next sink directly, no continuation. */
final class FunctionalSinks {
    private FunctionalSinks() {
    }

    static final class Filter<T> extends Relay<T, T> {
        private final Predicate<? super T> predicate;

        Filter(Predicate<? super T> predicate, Sink<? super T> next) {
            super(next);
            this.predicate = predicate;
        }

        @Override
        public void send(T item) {
            if (done) {
                throw finished();
            }
            try {
                if (predicate.test(item)) {
                    next.send(item);
                }
            } catch (Throwable t) {
                throw failed(t);
            }
        }
    }

    static final class Map<A, B> extends Relay<A, B> {
        private final Function<? super A, ? extends B> function;

        Map(Function<? super A, ? extends B> function, Sink<? super B> next) {
            super(next);
            this.function = function;
        }

        @Override
        public void send(A item) {
            if (done) {
                throw finished();
            }
            try {
                next.send(function.apply(item));
            } catch (Throwable t) {
                throw failed(t);
            }
        }
    }

    /** Beazley's grep: a plain substring test. */
    static final class Grep extends Relay<String, String> {
        private final String substring;

        Grep(String substring, Sink<? super String> next) {
            super(next);
            this.substring = substring;
        }

        @Override
        public void send(String line) {
            if (done) {
                throw finished();
            }
            try {
                if (line.contains(substring)) {
                    next.send(line);
                }
            } catch (Throwable t) {
                throw failed(t);
            }
        }
    }

    /** grep with a regular expression: passes lines in which the pattern is found anywhere. */
    static final class RegexGrep extends Relay<String, String> {
        private final Pattern pattern;

        RegexGrep(Pattern pattern, Sink<? super String> next) {
            super(next);
            this.pattern = pattern;
        }

        @Override
        public void send(String line) {
            if (done) {
                throw finished();
            }
            try {
                if (pattern.matcher(line).find()) {
                    next.send(line);
                }
            } catch (Throwable t) {
                throw failed(t);
            }
        }
    }

    /** A consumer at the end of a pipeline. */
    static final class ConsumerSink<T> implements Sink<T> {
        private final Consumer<? super T> consumer;
        private final Runnable onClose;
        private boolean done;

        ConsumerSink(Consumer<? super T> consumer, Runnable onClose) {
            this.consumer = consumer;
            this.onClose = onClose;
        }

        @Override
        public void send(T item) {
            if (done) {
                throw Relay.finished();
            }
            try {
                consumer.accept(item);
            } catch (Throwable t) {
                done = true;
                throw t;
            }
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                if (onClose != null) {
                    onClose.run();
                }
            }
        }
    }

    /**
     * A jcoro coroutine at the end of a pipeline. The coroutine keeps its own state: it throws StopIteration once
     * finished or closed, refuses a second thread with "generator already executing", and closing it twice is
     * safe, so this only translates names.
     */
    static final class CoroutineSink<T> implements Sink<T> {
        private final Coroutine<T> coroutine;

        CoroutineSink(Coroutine<T> coroutine) {
            this.coroutine = coroutine;
        }

        @Override
        public void send(T item) {
            coroutine.send(item);
        }

        @Override
        public void close() {
            coroutine.close();
        }

        @Override
        public String toString() {
            return "Sink[" + coroutine + "]";
        }
    }
}
