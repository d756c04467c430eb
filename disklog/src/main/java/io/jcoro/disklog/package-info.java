/**
 * disklog: which physical drive to pull. Reads kernel logs and reports, for each failing drive, its serial, model,
 * device name, bus address, what went wrong and when, with the evidence.
 *
 * <p>Built as the first seed thinks about it: a matcher that finds the lines that matter, steered by a correlator
 * that knows what they mean. Here both stream: chunks of each input are a jcoro generator, chained across inputs
 * with {@code yieldFrom}; the matcher is a generator of lines that the correlator drives with {@code send}; the
 * correlator is a generator of drives as they start failing. The only public type is {@link io.jcoro.disklog.Main}.
 */
package io.jcoro.disklog;
