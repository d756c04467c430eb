/**
 * Test helpers that more than one module's tests use. Only {@link io.jcoro.testing.Checkpoints} so far: numbered
 * steps that must happen in order, across generator bodies, coroutine bodies and threads. It knows nothing of
 * jcoro, so that core's own tests can use it.
 */
package io.jcoro.testing;
