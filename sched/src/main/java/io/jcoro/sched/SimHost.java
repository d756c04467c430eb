package io.jcoro.sched;

/** A simulated machine: a name, whether it is up, and (later) its disk and sockets. */
final class SimHost {
    final String name;
    boolean up = true;

    SimHost(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
