/**
 * disklog: which physical drive to pull. Reads kernel logs and reports, for each failing drive, its serial, model,
 * device name, bus address, what went wrong and when, with the evidence. The only public type meant for use is
 * {@link io.jcoro.disklog.Main}; the stage packages are public to each other, not an API.
 *
 * <p>The flow, one stage per package, each a jcoro generator driving the one before it:
 *
 * <pre>
 *  command line ──► Cli ──► Config
 *                                │
 *  read      directories as log trees, files, stdin,          Generator&lt;Chunk, Integer, Void&gt;
 *            decompression, one binary rule,
 *            big files cut into segments for filter workers     (sent back: bytes consumed)
 *                                │
 *  scan      lines: newline search (SWAR or vector), the         Generator&lt;Line, Attach, Void&gt;
 *            quick path, the envelope (format), the family     (sent back: attach the unprefixed lines
 *            (family); only kept lines become objects            that follow?)
 *     ├─ format   one envelope parser per log format
 *     └─ family   the table of kernel message families: the
 *                 prefilter's heads and the dispatch
 *                                │
 *  correlate each line to its host's machine, then to its      Generator&lt;Drive, Void, Findings&gt;
 *            family's handler over that machine's bindings      (yields drives as they start failing)
 *            (names, addresses, ports at this moment)
 *                                │
 *  serial    serials the log lacks: inventory, sysfs
 *  report    table, --explain, JSON Lines
 * </pre>
 */
package io.jcoro.disklog;
