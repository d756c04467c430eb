package io.jcoro.examples.sched;

import io.jcoro.Generator;
import io.jcoro.sched.Scheduler;
import io.jcoro.sched.Sys;
import io.jcoro.sched.Syscall;
import io.jcoro.sched.Task;
import java.io.PrintStream;

/**
 * Beazley's operating system in Python generators (pyos3 to pyos6), step by step, on jcoro-sched. Each demo prints
 * what his program prints; the scheduler's {@code onTaskEnd} hook prints his "Task N terminated".
 *
 * <table>
 *   <caption>Beazley's system calls and their requests here</caption>
 *   <tr><th>Python</th><th>jcoro-sched</th></tr>
 *   <tr><td>{@code mytid = yield GetTid()}</td><td>{@code long mytid = y.yieldFrom(Sys.tid());}</td></tr>
 *   <tr><td>{@code child = yield NewTask(foo())}</td><td>{@code Task<Void> child = y.yieldFrom(Sys.spawn(foo()));}</td></tr>
 *   <tr><td>{@code yield KillTask(child)}</td><td>{@code y.yieldFrom(Sys.kill(child));}</td></tr>
 *   <tr><td>{@code yield WaitTask(child)}</td><td>{@code y.yieldFrom(Sys.join(child));}</td></tr>
 *   <tr><td>a bare {@code yield}</td><td>{@code y.yieldFrom(Sys.checkpoint());}</td></tr>
 * </table>
 *
 * <p>Differences: a task refers to another by its handle, not by a bare integer id (the id is still there,
 * {@link Task#id()}); killing is immediate (the victim's {@code finally} blocks run inside {@code kill}, where
 * Beazley's scheduler notices the closed generator only when it next runs it); and every request, not only some,
 * puts the task at the back of the ready queue, which his handlers do by calling {@code schedule(task)}.
 */
public final class Pyos {
    private Pyos() {
    }

    private static Scheduler scheduler(PrintStream out) {
        return Scheduler.builder().onTaskEnd(t -> out.println("Task " + t.id() + " terminated")).build();
    }

    /** pyos3: two tasks that print and yield, foo ten times and bar five; each reports when it ends. */
    public static void taskExit(PrintStream out) {
        Scheduler s = scheduler(out);
        s.spawn(say(out, "I'm foo", 10));
        s.spawn(say(out, "I'm bar", 5));
        s.run();
    }

    private static Generator<Syscall, Object, Void> say(PrintStream out, String what, int times) {
        return Generator.of(y -> {
            for (int i = 0; i < times; i++) {
                out.println(what);
                y.yieldFrom(Sys.checkpoint());
            }
        });
    }

    /** pyos4: the first system call, {@code GetTid}. */
    public static void getTid(PrintStream out) {
        Scheduler s = scheduler(out);
        s.spawn(sayWithTid(out, "I'm foo", 5));
        s.spawn(sayWithTid(out, "I'm bar", 10));
        s.run();
    }

    private static Generator<Syscall, Object, Void> sayWithTid(PrintStream out, String what, int times) {
        return Generator.of(y -> {
            long mytid = y.yieldFrom(Sys.tid());
            for (int i = 0; i < times; i++) {
                out.println(what + " " + mytid);
                y.yieldFrom(Sys.checkpoint());
            }
        });
    }

    /** pyos5: {@code NewTask} and {@code KillTask}: main starts foo, lets it run five times, and kills it. */
    public static void newAndKill(PrintStream out) {
        Generator<Syscall, Object, Void> foo = Generator.of(y -> {
            long mytid = y.yieldFrom(Sys.tid());
            while (true) {
                out.println("I'm foo " + mytid);
                y.yieldFrom(Sys.checkpoint());
            }
        });
        scheduler(out).run(Generator.of(y -> {
            Task<Void> child = y.yieldFrom(Sys.spawn(foo));
            for (int i = 0; i < 5; i++) {
                y.yieldFrom(Sys.checkpoint());
            }
            y.yieldFrom(Sys.kill(child));
            out.println("main done");
        }));
    }

    /** pyos6: {@code WaitTask}: main starts foo and waits for it to end. */
    public static void waitTask(PrintStream out) {
        scheduler(out).run(Generator.of(y -> {
            Task<Void> child = y.yieldFrom(Sys.spawn(say(out, "I'm foo", 5)));
            out.println("Waiting for child");
            y.yieldFrom(Sys.join(child));
            out.println("Child done");
        }));
    }

    /**
     * trampoline.py: Beazley's tasks could not call a coroutine that yields, so his scheduler kept a stack of
     * generators per task and passed results between them. A jcoro task calls a subroutine with {@code yieldFrom}
     * (Python's {@code yield from}, PEP 380): the subroutine's requests reach the scheduler directly, its return
     * value is the value of {@code yieldFrom}, and its exceptions reach the caller. Prints 4.
     */
    public static void trampoline(PrintStream out) {
        Scheduler.create().run(Generator.of(y -> {
            int r = y.yieldFrom(add(2, 2));
            out.println(r);
            y.yieldFrom(Sys.checkpoint());
        }));
    }

    /** Beazley's {@code add}: a subroutine that may make requests (here it lets others run) and returns a value. */
    static Generator<Syscall, Object, Integer> add(int x, int y) {
        return Generator.returning(sy -> {
            sy.yieldFrom(Sys.checkpoint());
            return x + y;
        });
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        out.println("# pyos3: tasks end");
        taskExit(out);
        out.println("# pyos4: GetTid");
        getTid(out);
        out.println("# pyos5: NewTask, KillTask");
        newAndKill(out);
        out.println("# pyos6: WaitTask");
        waitTask(out);
        out.println("# trampoline");
        trampoline(out);
    }
}
