package io.jcoro.compiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcoro.Backend;
import io.jcoro.Generator;
import io.jcoro.Yielder;
import org.junit.jupiter.api.Test;

/**
 * What {@code -Djcoro.compile} does, in each run of the suite: {@code false} (the stackful runs), {@code require}
 * (the compiled run). The default, {@code true}, is what every other compiler test runs with.
 */
class CompileModeTest {

    private static String mode() {
        return System.getProperty("jcoro.compile", "true");
    }

    private static void helper(Yielder<Integer, Void> y) {
        y.yield(1);
    }

    @Test
    void compileFalse_runsEvenAPythonShapedBodyOnTheStackfulBackend() {
        assumeTrue(mode().equals("false"));
        Generator<Integer, Void, Void> g = Generator.of(y -> y.yield(1));
        assertEquals(Generator.backend(), g.mechanism());
        assertEquals(1, g.next());
    }

    @Test
    void compileRequire_compilesAPythonShapedBody() {
        assumeTrue(mode().equals("require"));
        assertEquals(Backend.COMPILED, Generator.of(y -> y.yield(1)).mechanism());
    }

    @Test
    void compileRequire_aBodyThatCannotBeCompiled_failsAtCreation_namingTheReasonAndTheSourceLine() {
        assumeTrue(mode().equals("require"));
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 2; // the helper(y) line below
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Generator.<Integer, Void>of(y -> {
            helper(y);
        }));
        assertTrue(e.getMessage().startsWith("-Djcoro.compile=require: the generator body CompileModeTest.java:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("its yielder is passed to a method"), e.getMessage());
        assertTrue(e.getMessage().endsWith("at CompileModeTest.java:" + line), e.getMessage());
    }
}
