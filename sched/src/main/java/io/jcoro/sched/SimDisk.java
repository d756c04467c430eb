package io.jcoro.sched;

import io.jcoro.Generator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated host's disk. Each file has what the tasks see (every write) and what survives a crash (the writes a
 * sync made durable). As an operating system's page cache does, writes older than the writeback delay (30 s unless
 * the simulation says otherwise) have reached the disk anyway; of the younger ones, a crash keeps a random prefix,
 * in order, and with torn writes on, the first write not kept may be kept in part. A write fails
 * with the chance the simulation gives ({@link IOException} "simulated disk error", nothing written). A sync takes
 * between one and five milliseconds of simulated time unless the simulation says otherwise.
 */
final class SimDisk {
    private final SimHost host;
    private final SimWorld world;
    private final Map<String, SimFile> files = new TreeMap<>();

    SimDisk(SimHost host, SimWorld world) {
        this.host = host;
        this.world = world;
    }

    DataFile open(String name) {
        return new Handle(files.computeIfAbsent(name, SimFile::new), host.incarnation);
    }

    void crash(long now) {
        for (SimFile f : files.values()) {
            f.crash(now);
        }
    }

    /** What reading the whole file gives now, or null when there is no such file. */
    byte[] contents(String name) {
        SimFile f = files.get(name);
        return f == null ? null : Arrays.copyOf(f.data, f.length);
    }

    private final class SimFile {
        final String name;
        byte[] data = new byte[0];
        int length;
        byte[] durable = new byte[0];
        int durableLength;
        /** Writes since the last sync, in order: position, bytes, and when (clock nanoseconds). */
        final List<Object[]> pending = new ArrayList<>();

        SimFile(String name) {
            this.name = name;
        }

        void write(long position, byte[] bytes, long now) {
            int end = Math.toIntExact(position + bytes.length);
            if (end > data.length) {
                data = Arrays.copyOf(data, Math.max(end, data.length * 2));
            }
            System.arraycopy(bytes, 0, data, (int) position, bytes.length);
            length = Math.max(length, end);
            pending.add(new Object[] {position, bytes, now});
        }

        /** Makes the first {@code count} pending writes durable. */
        void persist(int count) {
            for (Object[] w : pending.subList(0, count)) {
                persistOne((Long) w[0], (byte[]) w[1], ((byte[]) w[1]).length);
            }
            pending.subList(0, count).clear();
        }

        private void persistOne(long position, byte[] bytes, int n) {
            int end = Math.toIntExact(position + n);
            if (end > durable.length) {
                durable = Arrays.copyOf(durable, Math.max(end, durable.length * 2));
            }
            System.arraycopy(bytes, 0, durable, (int) position, n);
            durableLength = Math.max(durableLength, end);
        }

        void crash(long now) {
            int old = 0;
            while (old < pending.size() && (Long) pending.get(old)[2] <= now - world.writeback) {
                old++;
            }
            persist(old);
            int kept = world.random.nextInt(pending.size() + 1);
            if (kept < pending.size() && world.tornWrites) {
                Object[] torn = pending.get(kept);
                byte[] bytes = (byte[]) torn[1];
                persist(kept);
                persistOne((Long) torn[0], bytes, world.random.nextInt(bytes.length + 1));
            } else {
                persist(kept);
            }
            pending.clear();
            data = Arrays.copyOf(durable, durable.length);
            length = durableLength;
        }
    }

    private final class Handle implements DataFile {
        private final SimFile file;
        private final int incarnation;
        private boolean closed;

        Handle(SimFile file, int incarnation) {
            this.file = file;
            this.incarnation = incarnation;
        }

        @Override
        public String name() {
            return file.name;
        }

        /** Why the handle cannot be used, or null. */
        private IOException unusable() {
            if (closed) {
                return new ClosedChannelException();
            }
            if (!host.up || host.incarnation != incarnation) {
                return new IOException("stale file handle " + file.name + ": host " + host + " crashed");
            }
            return null;
        }

        private abstract class Op<T> extends Request<T> {
            private final String what;

            Op(String what) {
                this.what = what;
            }

            abstract void run(Kernel k, TaskImpl<?> t);

            @Override
            void handle(Kernel k, TaskImpl<?> t) {
                IOException e = unusable();
                if (e != null) {
                    k.readyIo(t, e);
                    return;
                }
                run(k, t);
            }

            @Override
            String describe() {
                return what + " " + file.name;
            }
        }

        @Override
        public Generator<Syscall, Object, Integer> read(long position, ByteBuffer dst) {
            return new Op<>("read") {
                @Override
                void run(Kernel k, TaskImpl<?> t) {
                    if (position >= file.length) {
                        k.ready(t, -1);
                        return;
                    }
                    int n = (int) Math.min(dst.remaining(), file.length - position);
                    dst.put(file.data, (int) position, n);
                    k.ready(t, n);
                }
            };
        }

        @Override
        public Generator<Syscall, Object, Void> write(long position, ByteBuffer src) {
            return new Op<>("write") {
                @Override
                void run(Kernel k, TaskImpl<?> t) {
                    if (written(k, t, position, src)) {
                        k.ready(t, null);
                    }
                }
            };
        }

        private boolean written(Kernel k, TaskImpl<?> t, long position, ByteBuffer src) {
            if (world.diskErrors > 0 && world.random.nextDouble() < world.diskErrors) {
                k.traceEvent("disk error " + host + " " + file.name);
                k.readyIo(t, new IOException("simulated disk error writing " + file.name + " on " + host));
                return false;
            }
            byte[] bytes = new byte[src.remaining()];
            src.get(bytes);
            file.write(position, bytes, k.now());
            return true;
        }

        @Override
        public Generator<Syscall, Object, Long> append(ByteBuffer src) {
            return new Op<>("append") {
                @Override
                void run(Kernel k, TaskImpl<?> t) {
                    long at = file.length;
                    if (written(k, t, at, src)) {
                        k.ready(t, at);
                    }
                }
            };
        }

        @Override
        public Generator<Syscall, Object, Void> sync() {
            return new Op<>("sync") {
                @Override
                void run(Kernel k, TaskImpl<?> t) {
                    if (k.cancelledAt(t)) {
                        return;
                    }
                    int upto = file.pending.size();
                    k.park(t, k.at(k.now() + world.between(world.syncMin, world.syncMax), () -> {
                        if (host.incarnation == incarnation) {
                            file.persist(Math.min(upto, file.pending.size()));
                            k.ready(t, null);
                        }
                    }));
                }
            };
        }

        @Override
        public Generator<Syscall, Object, Long> size() {
            return new Op<>("size") {
                @Override
                void run(Kernel k, TaskImpl<?> t) {
                    k.ready(t, (long) file.length);
                }
            };
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String toString() {
            return "file " + file.name + " on " + host;
        }
    }
}
