package io.jcoro.examples.pipe;

/** How the example mains choose jcoro's backend. */
final class Backends {
    private Backends() {
    }

    /**
     * Chooses the continuation backend when this JVM allows it and nothing chose already. Must run before jcoro
     * is first used. Safe for these examples: none of their code holds a {@code synchronized} monitor around a
     * generator or coroutine call (docs/backends.md says why that matters on JDK 24+).
     */
    static void preferContinuations() {
        if (System.getProperty("jcoro.backend") != null) {
            return;
        }
        Module jcoro = io.jcoro.Backend.class.getModule();
        if (Object.class.getModule().isExported("jdk.internal.vm", jcoro)) {
            System.setProperty("jcoro.backend", "continuation");
        }
    }
}
