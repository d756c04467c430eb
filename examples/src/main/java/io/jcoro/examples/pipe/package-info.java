/**
 * David Beazley's "A Curious Course on Coroutines and Concurrency" (PyCon 2009), parts 1 to 4, as programs on
 * jcoro-pipe: {@code follow | grep | printer} on a growing file ({@link io.jcoro.examples.pipe.FollowGrep} fed by
 * {@link io.jcoro.examples.pipe.LogSim}), the bus-feed pipeline fed by three XML parsers
 * ({@link io.jcoro.examples.pipe.Buses}, {@link io.jcoro.examples.pipe.BusExample}) on a generated feed
 * ({@link io.jcoro.examples.pipe.BusFeed}), and its performance contest
 * ({@link io.jcoro.examples.pipe.BusThroughput}). The Python file each one follows is named in its class comment.
 */
package io.jcoro.examples.pipe;
