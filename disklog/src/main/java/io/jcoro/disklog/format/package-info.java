/**
 * Log formats: one envelope parser per format behind {@code LogFormat} (dmesg, syslog files, RFC 5424, /dev/kmsg,
 * journalctl JSON, other stamps ending in {@code kernel:}), picked per line by {@link
 * io.jcoro.disklog.format.Envelopes}, which also holds the plain dmesg fast path. A parser gives the message start
 * and fills an {@link io.jcoro.disklog.format.Envelope}.
 */
package io.jcoro.disklog.format;
