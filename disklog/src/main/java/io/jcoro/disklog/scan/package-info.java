/**
 * Lines: the chunks split at their newlines, each line's envelope taken apart ({@code format}) and its message
 * matched against the families' prefixes ({@code family}); only the lines of a family, and the unprefixed lines the
 * correlator asks for, become {@link io.jcoro.disklog.scan.Line} objects. The line loop is the hot path of a run.
 */
package io.jcoro.disklog.scan;
