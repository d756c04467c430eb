package io.jcoro.sched;

import io.jcoro.Generator;
import java.nio.ByteBuffer;

/**
 * A file, as a task sees it ({@link Sys#open}): a real file under a {@link Scheduler} (in the directory given to
 * {@link Scheduler.Builder#files}), a file on a simulated host's disk under a {@link Simulation}. The same task
 * code runs on both.
 *
 * <p>Writes are not durable until {@link #sync()} returns (Unix's {@code fsync}). On a simulated disk this is
 * enforced: a crash keeps only a random prefix of the writes made since the last sync (and, when the simulation
 * asks for torn writes, part of the first write it loses). Real files are read and written on the scheduler's
 * thread; local disks answer in microseconds, so tasks wait no longer than for any other request. Failures are
 * raised at the {@code yieldFrom} as {@link java.io.UncheckedIOException} around the {@link java.io.IOException}.
 */
public interface DataFile extends AutoCloseable {

    /** The name it was opened with. */
    String name();

    /**
     * Reads into {@code dst} from {@code position}.
     *
     * @return the number of bytes read, or -1 when {@code position} is at or past the end
     */
    Generator<Syscall, Object, Integer> read(long position, ByteBuffer dst);

    /** Writes all of {@code src} at {@code position}, growing the file as needed. */
    Generator<Syscall, Object, Void> write(long position, ByteBuffer src);

    /** Writes all of {@code src} at the end of the file; returns the position it was written at. */
    Generator<Syscall, Object, Long> append(ByteBuffer src);

    /** Makes every write made before it durable (fsync). Takes simulated time on a simulated disk. */
    Generator<Syscall, Object, Void> sync();

    /** The file's size, including writes not yet synced. */
    Generator<Syscall, Object, Long> size();

    /** Closes the handle without waiting; unsynced writes stay unsynced. Closing twice does nothing. */
    @Override
    void close();
}
