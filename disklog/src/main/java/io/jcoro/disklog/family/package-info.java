/**
 * Kernel message families: {@link io.jcoro.disklog.family.Family}, the one table of the messages disklog
 * understands, and {@link io.jcoro.disklog.family.Prefilter}, the same table as a test on bytes. A kept line carries
 * its family to the correlator, whose dispatch is a switch over the enum.
 */
package io.jcoro.disklog.family;
