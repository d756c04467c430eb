package io.jcoro.disklog.scan;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The newlines of a run of bytes as a bit mask, with the JDK's vector API: 64 bytes a step with AVX-512 (32 with
 * AVX2), one compare and one mask move, where the SWAR search takes eight words and a loop of bit tricks.
 *
 * <p>The API is still an incubator module in JDK 25: the class is loaded only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher does, for big inputs), and everything else about a line
 * stays in {@link Newlines}. Only primitives cross this class's boundary, so the scanner verifies and runs without
 * the module.
 */
final class VectorNewlines {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    /** Bytes per step; at most 64, so a step's mask fits a long. */
    static final int STEP = Math.min(64, SPECIES.length());

    private VectorNewlines() {
    }

    /** Bit k set when {@code b[i + k]} is a newline, for k below {@link #STEP}; needs {@code i + STEP <= b.length}. */
    static long mask(byte[] b, int i) {
        return ByteVector.fromArray(SPECIES, b, i).eq((byte) '\n').toLong();
    }
}
