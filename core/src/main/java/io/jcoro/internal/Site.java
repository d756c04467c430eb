package io.jcoro.internal;

import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/** One place where a body yields, and what must be kept across it. */
final class Site {

    enum Kind {
        /** {@code y.yield(v)}: hands out v, resumes with the value sent. */
        YIELD(2, true),
        /** {@code y.yieldFrom(sub)}: suspends only if sub yields; resumes with sub's result. */
        YIELD_FROM(2, true),
        /** {@code y.yieldAll(values)}: suspends only if there is a value; resumes with nothing. */
        YIELD_ALL(2, false),
        /** {@code in.receive()}: hands out nothing, resumes with the item sent. */
        RECEIVE(1, true);

        /** Operand stack entries the call takes: the yielder and its argument, if any. */
        final int operands;
        /** Whether the call leaves a value on the stack. */
        final boolean pushes;

        Kind(int operands, boolean pushes) {
            this.operands = operands;
            this.pushes = pushes;
        }
    }

    final MethodInsnNode call;
    final Kind kind;
    /** 1, 2, ...: the label the machine holds while suspended here. */
    final int number;
    /** The operand stack under the call's operands, bottom first. */
    final BasicValue[] stack;
    /** The local variable slots live after the call, and their types. */
    final int[] liveSlots;
    final BasicValue[] liveTypes;
    /** Whether a try block of the body covers the call, with a handler GeneratorExit can reach. */
    final boolean guarded;

    Site(MethodInsnNode call, Kind kind, int number, BasicValue[] stack, int[] liveSlots, BasicValue[] liveTypes,
            boolean guarded) {
        this.call = call;
        this.kind = kind;
        this.number = number;
        this.stack = stack;
        this.liveSlots = liveSlots;
        this.liveTypes = liveTypes;
        this.guarded = guarded;
    }
}
