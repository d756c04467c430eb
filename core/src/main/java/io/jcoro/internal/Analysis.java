package io.jcoro.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/*
 * Overview: decides whether a body method is Python-shaped, and if so what each yield site must keep.
 *
 * A body is Python-shaped when every use of its yielder parameter is a yield call (yield, yieldFrom, yieldAll,
 * receive) made on it in the method's own code: the yielder may be copied between locals and the stack, but
 * never passed to a method, stored in a field or array, captured by a lambda, returned or compared. A data-flow
 * pass (ASM's Analyzer with SimpleVerifier's types) follows the yielder as a tagged value and finds the sites.
 * At each site it records the operand stack under the call (spilled to fields at the yield) and the locals live
 * after it (a backward liveness pass over the same control-flow graph, exception edges included, since a
 * throwIn raises at the yield). It refuses, with the reason and the source line, the shapes a state machine
 * cannot resume: a yield while an object under construction is on the stack (its constructor has not run, and
 * an uninitialised reference cannot be kept in a field), a yield inside synchronized (the monitor would be
 * held across a return, and perhaps released by another thread), and jsr/ret.
 */
final class Analysis {

    /** Why a body cannot be compiled; {@code line} is its source line, or -1. */
    static final class NotCompilable extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        NotCompilable(String reason, int line) {
            super(reason, null, false, false);
            this.line = line;
        }
    }

    private final MethodNode method;
    private final Shape shape;
    private final int yielderSlot;
    private final Interp interp;
    private final InsnList insns;
    private final int[] lines;

    private Frame<BasicValue>[] frames;
    private BitSet[] normalSuccessors;
    private BitSet[] exceptionSuccessors;

    Analysis(String owner, String superName, List<String> interfaces, boolean isInterface, MethodNode method,
            Shape shape, int yielderSlot, ClassLoader loader) {
        this.method = method;
        this.shape = shape;
        this.yielderSlot = yielderSlot;
        List<Type> itfs = new ArrayList<>();
        for (String i : interfaces) {
            itfs.add(Type.getObjectType(i));
        }
        this.interp = new Interp(Type.getObjectType(owner), superName == null ? null : Type.getObjectType(superName),
                itfs, isInterface, loader);
        this.insns = method.instructions;
        this.lines = lineNumbers(insns);
    }

    /** The first source line of a method, or -1. */
    static int firstLine(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode ln) {
                return ln.line;
            }
        }
        return -1;
    }

    int lineOf(AbstractInsnNode insn) {
        return lines[insns.indexOf(insn)];
    }

    /** Analyses the method; returns its yield sites in code order, numbered from 1. */
    List<Site> sites() throws NotCompilable {
        for (AbstractInsnNode insn : insns) {
            int op = insn.getOpcode();
            if (op == Opcodes.JSR || op == Opcodes.RET) {
                throw new NotCompilable("it uses jsr/ret (a class file older than Java 6)", lineOf(insn));
            }
        }
        int n = insns.size();
        normalSuccessors = new BitSet[n];
        exceptionSuccessors = new BitSet[n];
        for (int i = 0; i < n; i++) {
            normalSuccessors[i] = new BitSet();
            exceptionSuccessors[i] = new BitSet();
        }
        Analyzer<BasicValue> analyzer = new Analyzer<>(interp) {
            @Override
            protected Frame<BasicValue> newFrame(int numLocals, int numStack) {
                return new InitFrame(numLocals, numStack);
            }

            @Override
            protected Frame<BasicValue> newFrame(Frame<? extends BasicValue> frame) {
                return new InitFrame(frame);
            }

            @Override
            protected void newControlFlowEdge(int insn, int successor) {
                normalSuccessors[insn].set(successor);
            }

            @Override
            protected boolean newControlFlowExceptionEdge(int insn, int successor) {
                exceptionSuccessors[insn].set(successor);
                return true;
            }
        };
        analyzer.setComputeLimits(Writer.LIMIT_BYTES, Writer.LIMIT_OPERATIONS);
        try {
            frames = analyzer.analyze(interp.getOwner(), method);
        } catch (AnalyzerException e) {
            if (e.getCause() instanceof Escape escape) {
                throw new NotCompilable(escape.getMessage(), lineOf(escape.at));
            }
            throw new NotCompilable("its bytecode could not be analysed (" + e.getMessage() + ")",
                    e.node != null ? lineOf(e.node) : -1);
        } catch (Escape escape) {
            throw new NotCompilable(escape.getMessage(), lineOf(escape.at));
        } catch (RuntimeException | LinkageError e) {
            // SimpleVerifier loads classes to compare types: one that cannot be loaded ends the analysis here
            throw new NotCompilable("its bytecode could not be analysed (" + e + ")", -1);
        }
        BitSet[] live = liveness();
        int[] monitors = monitorDepths(analyzer);
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AbstractInsnNode insn = insns.get(i);
            if (!(insn instanceof MethodInsnNode call) || call.getOpcode() != Opcodes.INVOKEINTERFACE) {
                continue;
            }
            Frame<BasicValue> f = frames[i];
            if (f == null) {
                continue; // unreachable
            }
            Site.Kind kind = shape.siteKind(call.owner, call.name, call.desc);
            if (kind == null) {
                continue;
            }
            BasicValue receiver = f.getStack(f.getStackSize() - kind.operands);
            if (receiver != interp.yielder) {
                continue; // a call on some other generator's yielder: an ordinary call
            }
            int line = lines[i];
            if (monitors[i] > 0) {
                throw new NotCompilable("it yields inside a synchronized block", line);
            }
            int below = f.getStackSize() - kind.operands;
            BasicValue[] stack = new BasicValue[below];
            for (int s = 0; s < below; s++) {
                stack[s] = f.getStack(s);
                if (stack[s] instanceof Uninit) {
                    throw new NotCompilable("it yields while an object under construction is on the operand stack"
                            + " (a yield inside the arguments of new)", line);
                }
            }
            List<Integer> slots = new ArrayList<>();
            List<BasicValue> types = new ArrayList<>();
            for (int slot = live[i].nextSetBit(0); slot >= 0; slot = live[i].nextSetBit(slot + 1)) {
                BasicValue v = slot < f.getLocals() ? f.getLocal(slot) : null;
                if (v == null || v == BasicValue.UNINITIALIZED_VALUE || v.getType() == null) {
                    continue; // not set on every path here, so not read before it is set again
                }
                if (v instanceof Uninit) {
                    throw new NotCompilable("it yields while an object under construction is in a local", line);
                }
                slots.add(slot);
                types.add(v);
            }
            sites.add(new Site(call, kind, sites.size() + 1, stack, slots.stream().mapToInt(Integer::intValue).toArray(),
                    types.toArray(new BasicValue[0]), guarded(analyzer.getHandlers(i))));
        }
        return sites;
    }

    /** Whether one of these handlers can catch GeneratorExit (an Error), so that closing runs the body's code. */
    private static boolean guarded(List<TryCatchBlockNode> handlers) {
        if (handlers == null) {
            return false;
        }
        for (TryCatchBlockNode h : handlers) {
            if (h.type == null || h.type.equals("java/lang/Throwable") || h.type.equals("java/lang/Error")
                    || h.type.equals("io/jcoro/GeneratorExit")) {
                return true;
            }
        }
        return false;
    }

    /** The frame before each instruction (null where unreachable). */
    Frame<BasicValue>[] frames() {
        return frames;
    }

    /** Local slots live at each instruction: read on some path from it before being written. */
    private BitSet[] liveness() {
        int n = insns.size();
        BitSet[] use = new BitSet[n];
        BitSet[] def = new BitSet[n];
        for (int i = 0; i < n; i++) {
            use[i] = new BitSet();
            def[i] = new BitSet();
            AbstractInsnNode insn = insns.get(i);
            if (insn instanceof VarInsnNode v) {
                int op = v.getOpcode();
                if (op >= Opcodes.ILOAD && op <= Opcodes.ALOAD) {
                    use[i].set(v.var);
                } else if (op >= Opcodes.ISTORE && op <= Opcodes.ASTORE) {
                    def[i].set(v.var);
                    if (op == Opcodes.LSTORE || op == Opcodes.DSTORE) {
                        def[i].set(v.var + 1);
                    }
                }
            } else if (insn instanceof IincInsnNode inc) {
                use[i].set(inc.var);
            }
        }
        BitSet[] in = new BitSet[n];
        for (int i = 0; i < n; i++) {
            in[i] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                if (frames[i] == null) {
                    continue;
                }
                BitSet out = new BitSet();
                for (int s = normalSuccessors[i].nextSetBit(0); s >= 0; s = normalSuccessors[i].nextSetBit(s + 1)) {
                    out.or(in[s]);
                }
                out.andNot(def[i]);
                out.or(use[i]);
                // an exception may leave before this instruction's store: the handler's needs come in whole
                for (int s = exceptionSuccessors[i].nextSetBit(0); s >= 0;
                        s = exceptionSuccessors[i].nextSetBit(s + 1)) {
                    out.or(in[s]);
                }
                if (!out.equals(in[i])) {
                    in[i] = out;
                    changed = true;
                }
            }
        }
        return in;
    }

    /**
     * How many monitors may be held before each instruction (the most over all paths, capped). An exception goes
     * only as far as the first handler that catches everything: javac guards each synchronized block with one, which
     * releases the monitor, so a handler further out never sees the monitor held.
     */
    private int[] monitorDepths(Analyzer<BasicValue> analyzer) {
        int n = insns.size();
        int[] depth = new int[n];
        java.util.Arrays.fill(depth, -1);
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        depth[0] = 0;
        work.add(0);
        while (!work.isEmpty()) {
            int i = work.poll();
            int d = depth[i];
            int op = insns.get(i).getOpcode();
            int after = op == Opcodes.MONITORENTER ? Math.min(d + 1, 8)
                    : op == Opcodes.MONITOREXIT ? Math.max(d - 1, 0) : d;
            for (int s = normalSuccessors[i].nextSetBit(0); s >= 0; s = normalSuccessors[i].nextSetBit(s + 1)) {
                if (after > depth[s]) {
                    depth[s] = after;
                    work.add(s);
                }
            }
            List<TryCatchBlockNode> handlers = analyzer.getHandlers(i);
            if (handlers != null) {
                for (TryCatchBlockNode h : handlers) {
                    int s = insns.indexOf(h.handler);
                    if (d > depth[s]) {
                        depth[s] = d;
                        work.add(s);
                    }
                    if (h.type == null) {
                        break;
                    }
                }
            }
        }
        return depth;
    }

    private static int[] lineNumbers(InsnList insns) {
        int[] lines = new int[insns.size()];
        int line = -1;
        int i = 0;
        for (AbstractInsnNode insn : insns) {
            if (insn instanceof LineNumberNode ln) {
                line = ln.line;
            }
            lines[i++] = line;
        }
        // a label before the first line number belongs to that line
        return lines;
    }

    // ------------------------------------------------------------------ the values

    /** Thrown from inside the interpreter when the yielder escapes; carries the instruction. */
    static final class Escape extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient AbstractInsnNode at;

        Escape(String message, AbstractInsnNode at) {
            super(message, null, false, false);
            this.at = at;
        }
    }

    /** A value equal only to itself: BasicValue's equality by type would let the analyzer lose the tag. */
    private static class Tagged extends BasicValue {
        Tagged(Type type) {
            super(type);
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** A reference made by NEW whose constructor has not run yet. */
    static final class Uninit extends Tagged {
        /** The NEW instruction that made it. */
        final AbstractInsnNode at;

        Uninit(Type type, AbstractInsnNode at) {
            super(type);
            this.at = at;
        }
    }

    /** The frame that marks a NEW's value initialised, in every copy, once its constructor has run. */
    private static final class InitFrame extends Frame<BasicValue> {
        InitFrame(int numLocals, int numStack) {
            super(numLocals, numStack);
        }

        InitFrame(Frame<? extends BasicValue> frame) {
            super(frame);
        }

        @Override
        public void execute(AbstractInsnNode insn, Interpreter<BasicValue> interpreter) throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.INVOKESPECIAL && ((MethodInsnNode) insn).name.equals("<init>")) {
                int args = Type.getArgumentTypes(((MethodInsnNode) insn).desc).length;
                BasicValue receiver = getStack(getStackSize() - args - 1);
                super.execute(insn, interpreter);
                if (receiver instanceof Uninit) {
                    BasicValue done = interpreter.newValue(receiver.getType());
                    for (int i = 0; i < getLocals(); i++) {
                        if (getLocal(i) == receiver) {
                            setLocal(i, done);
                        }
                    }
                    for (int i = 0; i < getStackSize(); i++) {
                        if (getStack(i) == receiver) {
                            setStack(i, done);
                        }
                    }
                }
                return;
            }
            super.execute(insn, interpreter);
        }
    }

    /** SimpleVerifier's types, plus the yielder followed as a tagged value and NEW's values tagged until init. */
    private final class Interp extends SimpleVerifier {
        final BasicValue yielder;
        /** The yielder on some paths and something else on others: usable only by copying it around. */
        final BasicValue ambiguous;
        private final String owner;
        private final java.util.Map<AbstractInsnNode, Uninit> uninitialized = new java.util.HashMap<>();

        Interp(Type owner, Type superType, List<Type> interfaces, boolean isInterface, ClassLoader loader) {
            super(Opcodes.ASM9, owner, superType, interfaces, isInterface);
            setClassLoader(loader);
            this.owner = owner.getInternalName();
            this.yielder = new Tagged(Type.getObjectType(shape.yielder));
            this.ambiguous = new Tagged(Type.getObjectType(shape.yielder));
        }

        String getOwner() {
            return owner;
        }

        private boolean isYielder(BasicValue v) {
            return v == yielder || v == ambiguous;
        }

        private Escape escape(AbstractInsnNode insn, String what) {
            return new Escape("its " + (shape.receives() ? "receiver" : "yielder") + " " + what
                    + " (only calls like y.yield(v) in the body's own code can be compiled)", insn);
        }

        @Override
        public BasicValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
            return local == yielderSlot ? yielder : super.newParameterValue(isInstanceMethod, local, type);
        }

        @Override
        public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
            if (insn.getOpcode() == Opcodes.NEW) {
                // one value per NEW instruction, so that re-analysing a loop meets the same value at joins
                return uninitialized.computeIfAbsent(insn,
                        k -> new Uninit(Type.getObjectType(((TypeInsnNode) k).desc), k));
            }
            return super.newOperation(insn);
        }

        @Override
        public BasicValue unaryOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
            if (isYielder(value)) {
                throw escape(insn, "is used as a value (stored, tested, cast or thrown)");
            }
            return super.unaryOperation(insn, value);
        }

        @Override
        public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue a, BasicValue b) throws AnalyzerException {
            if (isYielder(a) || isYielder(b)) {
                throw escape(insn, "is stored or compared");
            }
            return super.binaryOperation(insn, a, b);
        }

        @Override
        public BasicValue ternaryOperation(AbstractInsnNode insn, BasicValue a, BasicValue b, BasicValue c)
                throws AnalyzerException {
            if (isYielder(a) || isYielder(b) || isYielder(c)) {
                throw escape(insn, "is stored in an array");
            }
            return super.ternaryOperation(insn, a, b, c);
        }

        @Override
        public BasicValue naryOperation(AbstractInsnNode insn, List<? extends BasicValue> values)
                throws AnalyzerException {
            int first = 0;
            if (insn instanceof MethodInsnNode call && insn.getOpcode() == Opcodes.INVOKEINTERFACE
                    && shape.siteKind(call.owner, call.name, call.desc) != null && isYielder(values.get(0))) {
                if (values.get(0) == ambiguous) {
                    throw escape(insn, "may be another value on some paths");
                }
                first = 1; // a yield site: the receiver is the one allowed use
            }
            for (int i = first; i < values.size(); i++) {
                if (isYielder(values.get(i))) {
                    throw escape(insn, insn.getOpcode() == Opcodes.INVOKEDYNAMIC
                            ? "is captured by a lambda or method reference"
                            : "is passed to a method");
                }
            }
            return super.naryOperation(insn, values);
        }

        @Override
        public void returnOperation(AbstractInsnNode insn, BasicValue value, BasicValue expected)
                throws AnalyzerException {
            if (isYielder(value)) {
                throw escape(insn, "is returned");
            }
            super.returnOperation(insn, value, expected);
        }

        @Override
        public BasicValue merge(BasicValue a, BasicValue b) {
            if (a == b) {
                return a;
            }
            if (isYielder(a) || isYielder(b) || a instanceof Uninit || b instanceof Uninit) {
                if (a == BasicValue.UNINITIALIZED_VALUE || b == BasicValue.UNINITIALIZED_VALUE) {
                    return BasicValue.UNINITIALIZED_VALUE;
                }
                if (isYielder(a) || isYielder(b)) {
                    return ambiguous;
                }
                return BasicValue.UNINITIALIZED_VALUE;
            }
            return super.merge(a, b);
        }
    }

    /** The tagged yielder value, so the writer can restore it as the null placeholder it holds. */
    boolean isYielder(BasicValue v) {
        return v == interp.yielder || v == interp.ambiguous;
    }
}
