package io.jcoro.sched;

import io.jcoro.Generator;
import java.util.function.Supplier;

/**
 * A simulated machine: a name, whether it is up, its disk, and how it boots. A crash ends its tasks, resets its
 * connections and loses what its disk had not made durable; a restart boots it again, a new incarnation.
 */
final class SimHost {
    final String name;
    boolean up = true;
    /** Counts crashes; handles from an earlier incarnation (open files) refuse to work. */
    int incarnation;
    Supplier<? extends Generator<Syscall, Object, ?>> boot;
    final SimDisk disk;
    private int nextPort = 40_000;

    SimHost(String name, SimWorld world) {
        this.name = name;
        this.disk = new SimDisk(this, world);
    }

    int ephemeralPort() {
        int p = nextPort++;
        if (nextPort > 65_535) {
            nextPort = 40_000;
        }
        return p;
    }

    @Override
    public String toString() {
        return name;
    }
}
