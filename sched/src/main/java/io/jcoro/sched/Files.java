package io.jcoro.sched;

import io.jcoro.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@link Sys#open}: a real file under a scheduler, a simulated one in a simulation. */
final class Files {
    private Files() {
    }

    static String checkName(String name) {
        java.util.Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a file name must be a plain name, without directories: '" + name
                    + "'");
        }
        return name;
    }

    static final class Open extends Request<DataFile> {
        private final String name;

        Open(String name) {
            this.name = checkName(name);
        }

        @Override
        void handle(Kernel k, TaskImpl<?> t) {
            if (k.simulated) {
                k.ready(t, t.host.disk.open(name));
                return;
            }
            Path dir = k.hooks.files;
            if (dir == null) {
                k.readyIo(t, new IllegalStateException("no directory for files: make the scheduler with"
                        + " Scheduler.builder().files(directory)"));
                return;
            }
            try {
                k.ready(t, new RealFile(name, FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)));
            } catch (IOException e) {
                k.readyIo(t, e);
            }
        }

        @Override
        String describe() {
            return "open " + name;
        }
    }

    /** One file operation on a real file: done at once on the scheduler's thread. */
    private interface Op<T> {
        T run() throws IOException;
    }

    private static <T> Generator<Syscall, Object, T> now(String what, Op<T> op) {
        return new Request<>() {
            @Override
            void handle(Kernel k, TaskImpl<?> t) {
                try {
                    k.ready(t, op.run());
                } catch (IOException e) {
                    k.readyIo(t, e);
                }
            }

            @Override
            String describe() {
                return what;
            }
        };
    }

    static final class RealFile implements DataFile {
        private final String name;
        private final FileChannel channel;

        RealFile(String name, FileChannel channel) {
            this.name = name;
            this.channel = channel;
        }

        @Override
        public String name() {
            return name;
        }

        private void open() throws ClosedChannelException {
            if (!channel.isOpen()) {
                throw new ClosedChannelException();
            }
        }

        @Override
        public Generator<Syscall, Object, Integer> read(long position, ByteBuffer dst) {
            return now("read " + name, () -> {
                open();
                int total = 0;
                while (dst.hasRemaining()) {
                    int n = channel.read(dst, position + total);
                    if (n < 0) {
                        return total == 0 ? -1 : total;
                    }
                    total += n;
                }
                return total;
            });
        }

        @Override
        public Generator<Syscall, Object, Void> write(long position, ByteBuffer src) {
            return now("write " + name, () -> {
                open();
                writeFully(position, src);
                return null;
            });
        }

        private void writeFully(long position, ByteBuffer src) throws IOException {
            long at = position;
            while (src.hasRemaining()) {
                at += channel.write(src, at);
            }
        }

        @Override
        public Generator<Syscall, Object, Long> append(ByteBuffer src) {
            return now("append " + name, () -> {
                open();
                long at = channel.size();
                writeFully(at, src);
                return at;
            });
        }

        @Override
        public Generator<Syscall, Object, Void> sync() {
            return now("sync " + name, () -> {
                open();
                channel.force(true);
                return null;
            });
        }

        @Override
        public Generator<Syscall, Object, Long> size() {
            return now("size " + name, () -> {
                open();
                return channel.size();
            });
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "file " + name;
        }
    }
}
