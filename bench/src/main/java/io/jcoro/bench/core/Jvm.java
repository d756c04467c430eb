package io.jcoro.bench.core;

/**
 * JVM arguments for the forks. The export is given explicitly because JMH forks run with {@code -cp}, where the
 * benchmarks jar's {@code Add-Exports} manifest entry does not apply; without it the raw-continuation baseline
 * cannot run and jcoro would silently pick the virtual-thread backend.
 */
public final class Jvm {
    private Jvm() {
    }

    public static final String EXPORTS = "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED";
    public static final String CONTINUATION = "-Djcoro.backend=continuation";
    public static final String VIRTUAL_THREAD = "-Djcoro.backend=virtual-thread";
    /** For benchmarks of the stackful backends: without it their Python-shaped bodies would be compiled. */
    public static final String STACKFUL = "-Djcoro.compile=false";
}
