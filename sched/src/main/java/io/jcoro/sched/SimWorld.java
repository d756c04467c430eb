package io.jcoro.sched;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** What a simulation adds to the kernel: its hosts, its network, and the random source of the world's faults. */
final class SimWorld {
    final Random random;
    final Map<String, SimHost> hosts = new LinkedHashMap<>();
    final SimNet net;
    Kernel kernel;
    /** The chance that a disk write fails; whether a crash may tear the first write it loses. */
    double diskErrors;
    boolean tornWrites;
    /** How old an unsynced write must be to have reached the disk anyway (Linux: dirty_expire_centisecs). */
    long writeback = 30_000_000_000L;
    long syncMin = 1_000_000;
    long syncMax = 5_000_000;

    SimWorld(Random random) {
        this.random = random;
        this.net = new SimNet(this);
    }

    SimHost host(String name) {
        return hosts.computeIfAbsent(name, n -> new SimHost(n, this));
    }

    long between(long min, long max) {
        return max <= min ? min : min + (long) (random.nextDouble() * (max - min));
    }
}
