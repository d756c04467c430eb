package io.jcoro.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class CheckpointsTest {

    @Test
    void failsWithAClearMessage_whenOutOfOrder_orUnreached() {
        Checkpoints local = new Checkpoints();
        local.expect(1);
        AssertionError e = assertThrows(AssertionError.class, () -> local.expect(3));
        assertEquals("checkpoint out of order: expected step 3 but this is step 2 (on thread "
                + Thread.currentThread().getName() + ")", e.getMessage());
        AssertionError u = assertThrows(AssertionError.class, local::expectUnreached);
        assertTrue(u.getMessage().startsWith("should not be reached; the last checkpoint was step 2"),
                u.getMessage());
        AssertionError f = assertThrows(AssertionError.class, () -> local.finish(3));
        assertTrue(f.getMessage().startsWith("a checkpoint failed earlier: checkpoint out of order"),
                f.getMessage());
    }

    @Test
    void stepsTakenOnOtherThreadsCountInOrder() throws InterruptedException {
        Checkpoints local = new Checkpoints();
        local.expect(1);
        Thread t = Thread.ofPlatform().start(() -> local.expect(2));
        t.join();
        local.finish(3);
        assertEquals(3, local.step());
    }

    @Test
    void aStepAfterFinish_fails() {
        Checkpoints local = new Checkpoints();
        local.finish(1);
        AssertionError e = assertThrows(AssertionError.class, () -> local.expect(2));
        assertEquals("checkpoint 2 reached after finish", e.getMessage());
    }

    // As an extension: the verdict after the test, run through the JUnit engine on the sample tests below.

    @Test
    void asAnExtension_aTestThatTakesItsStepsInOrder_passes() {
        Events events = run("inOrder");
        events.assertStatistics(s -> s.succeeded(1).failed(0));
    }

    @Test
    void asAnExtension_aFailureThatTheCodeUnderTestSwallowed_stillFailsTheTest() {
        Events events = run("swallowsAFailure");
        events.assertStatistics(s -> s.failed(1));
        assertEquals("a checkpoint failed: should not be reached; the last checkpoint was step 1 (on thread main)",
                failureMessage(events).replaceAll("on thread [^)]*", "on thread main"));
    }

    @Test
    void asAnExtension_stepsWithoutFinish_failTheTest() {
        Events events = run("neverFinishes");
        events.assertStatistics(s -> s.failed(1));
        assertEquals("checkpoints stopped at step 2 without finish()", failureMessage(events));
    }

    @Test
    void asAnExtension_aTestThatTakesNoSteps_passes() {
        run("takesNoSteps").assertStatistics(s -> s.succeeded(1).failed(0));
    }

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(Samples.class, method))
                .execute()
                .testEvents();
    }

    private static String failureMessage(Events events) {
        AtomicReference<String> message = new AtomicReference<>();
        events.failed().stream().forEach(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .ifPresent(t -> message.set(t.getMessage())));
        return message.get();
    }

    /** Run only through {@link #run}: the engine test kit selects them by name (the nested class is static, so
     *  the enclosing suite does not run them itself). */
    static class Samples {
        @RegisterExtension
        final Checkpoints steps = new Checkpoints();

        @Test
        void inOrder() {
            steps.expect(1);
            steps.expect(2);
            steps.finish(3);
        }

        @Test
        void swallowsAFailure() {
            steps.expect(1);
            try {
                steps.expectUnreached();
            } catch (AssertionError swallowed) {
                // what a body with a catch-all would do
            }
        }

        @Test
        void neverFinishes() {
            steps.expect(1);
            steps.expect(2);
        }

        @Test
        void takesNoSteps() {
        }
    }
}
