package io.jcoro.sched;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** What a simulation adds to the kernel: its hosts, and the random source that drives the world's faults. */
final class SimWorld {
    final Random random;
    final Map<String, SimHost> hosts = new LinkedHashMap<>();

    SimWorld(Random random) {
        this.random = random;
    }

    SimHost host(String name) {
        return hosts.computeIfAbsent(name, SimHost::new);
    }
}
