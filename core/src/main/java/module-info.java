/**
 * jcoro: Python's generator and coroutine protocol for Java.
 *
 * <p>Only {@code io.jcoro} is exported. {@code io.jcoro.internal} holds the compiler of generator bodies and the
 * base class of the state machines it generates; jcoro exports it at run time to each module whose bodies it
 * compiles, whose packages must be open to jcoro ({@code opens p to io.jcoro}) for that. The continuation backend
 * needs {@code --add-exports java.base/jdk.internal.vm=io.jcoro} (or {@code =ALL-UNNAMED} on the class path).
 */
module io.jcoro {
    requires org.objectweb.asm;
    requires org.objectweb.asm.tree;
    requires org.objectweb.asm.tree.analysis;

    exports io.jcoro;
    // for the compiled coroutine stages of jcoro's pipelines, and the scheduler's requests
    exports io.jcoro.internal to io.jcoro.pipe, io.jcoro.sched;
}
