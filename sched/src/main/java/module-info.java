/**
 * jcoro-sched: tasks written as jcoro generators, one scheduler thread running many of them, and a deterministic
 * simulation mode of the same scheduler. Only {@code io.jcoro.sched} is exported; the implementations are
 * package-private.
 */
module io.jcoro.sched {
    requires transitive io.jcoro;

    exports io.jcoro.sched;
}
