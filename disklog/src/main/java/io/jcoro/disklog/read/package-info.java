/**
 * Reading: the inputs as one stream of byte chunks (directories expanded into log trees by {@code Inputs}, files,
 * standard input, followed files), their compression found from their first bytes, one rule for binary data, and
 * big plain files cut into segments that filter workers scan on all cores. What happened to each input is counted
 * in its {@link io.jcoro.disklog.read.InputStats}, not in the {@link io.jcoro.disklog.read.Input} the user named.
 */
package io.jcoro.disklog.read;
