package io.jcoro.disklog.scan;

import io.jcoro.disklog.read.Bytes;

/**
 * Where the line ends are in a run of bytes, as a bit mask: with the JDK's vector API when the JVM was started with
 * it ({@code --add-modules jdk.incubator.vector}; {@link VectorNewlines}, 64 bytes a step with AVX-512), otherwise
 * two SWAR words (sixteen bytes) a step. Decided once per JVM, so that C2 folds the choice away.
 */
public final class Newlines {
    private Newlines() {
    }

    /** The vector API's step, or 0 when the JVM has no vector module. */
    public static final int VECTOR_STEP = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            ? VectorNewlines.STEP : 0;

    /** Bytes per step of the line-end search: the vector API's, or sixteen (two SWAR words). */
    public static final int STEP = VECTOR_STEP > 0 ? VECTOR_STEP : 16;

    private static final long NL = 0x0a0a0a0a0a0a0a0aL;
    private static final long SEVENS = 0x7f7f7f7f7f7f7f7fL;
    /** Gathers the high bit of each byte of a word into one byte, in byte order (no two products overlap). */
    private static final long GATHER = 0x0102040810204080L;

    /** Bit k set when {@code b[i + k]} is a newline, for k below {@link #STEP}. */
    public static long mask(byte[] b, int i) {
        if (VECTOR_STEP > 0) {
            return VectorNewlines.mask(b, i);
        }
        return swar(b, i) | swar(b, i + 8) << 8;
    }

    /** The newlines of the eight bytes at {@code i}, bit k for {@code b[i + k]}. */
    private static long swar(byte[] b, int i) {
        long x = (long) Bytes.LONGS.get(b, i) ^ NL;
        // exactly the zero bytes of x: the shorter (x - LO) & ~x & HI also flags a 0x0b right after a newline (the
        // borrow), harmless where only the lowest bit counts, not here, where every bit is a line end
        long high = ~(((x & SEVENS) + SEVENS) | x | SEVENS);
        return (high >>> 7) * GATHER >>> 56;
    }
}
