package io.jcoro.internal;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;

/*
 * Overview: writes the state-machine class for one analysed body.
 *
 * The body's code becomes the machine's resume() method, instruction for instruction, with its local slots moved
 * up by one (slot 0 is the machine). Three things change:
 * - Each yield site becomes: save the operand stack under the call and the live locals into fields, set label
 *   to the site's number, return the value yielded. Right after it, still inside the same try ranges, comes the
 *   site's resume point: raise the exception thrown in, if any, else push the value sent. A delegating site
 *   (yieldFrom, yieldAll) first asks StateMachine.delegate whether the delegate yielded at all; if it finished at
 *   once the code runs straight on with its result, as Python's yield from does.
 * - A prologue switches on label: 0 loads the captured values into their parameter slots; k restores site k's
 *   locals and stack and jumps to its resume point. Jumping into a try range is legal bytecode, and restoring
 *   before the jump keeps every instruction inside the range with all its locals typed, as the handler needs.
 * - Returns set label to DONE and return the result; accesses the generated class may not make directly (the
 *   private members of the body's nest, protected members from another package) and every invokedynamic become
 *   invokedynamics linked by StateMachine's bootstraps with the body class's own privileges.
 * Line numbers and the source file stay the body's, so stack traces show the user's lines. Frames are computed
 * by ASM from scratch, with class hierarchy questions answered by the body's class loader.
 */
final class Writer {

    static final String BASE = "io/jcoro/internal/StateMachine";
    private static final Handle MEMBER = new Handle(Opcodes.H_INVOKESTATIC, BASE, "member",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
                    + "Ljava/lang/invoke/CallSite;", false);
    private static final Handle INDIRECT = new Handle(Opcodes.H_INVOKESTATIC, BASE, "indirect",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
                    + "Ljava/lang/invoke/CallSite;", false);

    private final String name;
    private final ClassNode body;
    private final MethodNode method;
    private final Shape shape;
    private final Analysis analysis;
    private final List<Site> sites;
    private final Type[] captureTypes;
    private final int[] captureSlots;
    private final int yielderSlot;
    private final Type[] boundTypes;
    private final int[] boundSlots;
    private final MethodHandle[] captureGetters;
    private final Linkage linkage;
    private final List<Object> links = new ArrayList<>();
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<AbstractInsnNode, org.objectweb.asm.tree.analysis.Frame<BasicValue>> frameOf =
            new java.util.HashMap<>();
    private int temp;

    Writer(String name, ClassNode body, MethodNode method, Shape shape, Analysis analysis, List<Site> sites,
            Type[] captureTypes, int[] captureSlots, int yielderSlot, Type[] boundTypes, int[] boundSlots,
            MethodHandle[] captureGetters, Linkage linkage) {
        this.boundTypes = boundTypes;
        this.boundSlots = boundSlots;
        this.name = name;
        this.body = body;
        this.method = method;
        this.shape = shape;
        this.analysis = analysis;
        this.sites = sites;
        this.captureTypes = captureTypes;
        this.captureSlots = captureSlots;
        this.yielderSlot = yielderSlot;
        this.captureGetters = captureGetters;
        this.linkage = linkage;
    }

    /** What the generated class links to, by the index its invokedynamics carry. */
    Object[] links() {
        return links.toArray();
    }

    byte[] write() throws Analysis.NotCompilable {
        InsnList code = method.instructions;
        java.util.Set<AbstractInsnNode> siteCalls = new java.util.HashSet<>();
        for (Site s : sites) {
            siteCalls.add(s.call);
        }
        // 1. accesses and invokedynamics, on the body's own instructions
        org.objectweb.asm.tree.analysis.Frame<BasicValue>[] frames = analysis.frames();
        AbstractInsnNode[] original = code.toArray();
        for (int i = 0; i < original.length; i++) {
            frameOf.put(original[i], frames[i]);
        }
        for (AbstractInsnNode insn : original) {
            if (!siteCalls.contains(insn)) {
                relink(code, insn);
            }
        }
        // 2. locals move up one slot; one more slot for the value being yielded
        for (AbstractInsnNode insn : code) {
            if (insn instanceof VarInsnNode v) {
                v.var++;
            } else if (insn instanceof IincInsnNode inc) {
                inc.var++;
            }
        }
        List<LocalVariableNode> locals = new ArrayList<>();
        if (method.localVariables != null) {
            for (LocalVariableNode lv : method.localVariables) {
                String n = lv.index == 0 && lv.name.equals("this") ? "this$body" : lv.name;
                locals.add(new LocalVariableNode(n, lv.desc, lv.signature, lv.start, lv.end, lv.index + 1));
            }
        }
        temp = method.maxLocals + 1;
        // 3. returns
        for (AbstractInsnNode insn : code.toArray()) {
            int op = insn.getOpcode();
            if (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) {
                code.insertBefore(insn, ending(op));
                code.remove(insn);
            }
        }
        // 4. yield sites, with their resume points
        LabelNode[] resumePoints = new LabelNode[sites.size()];
        for (Site s : sites) {
            resumePoints[s.number - 1] = new LabelNode();
            code.insertBefore(s.call, site(s, resumePoints[s.number - 1]));
            code.remove(s.call);
        }
        // 5. the prologue
        code.insert(prologue(resumePoints));

        MethodNode resume = new MethodNode(Opcodes.ACC_PROTECTED, "resume", "()Ljava/lang/Object;", null,
                new String[] {"java/lang/Throwable"});
        resume.instructions = code;
        resume.tryCatchBlocks = method.tryCatchBlocks;
        resume.localVariables = locals;
        resume.maxLocals = temp + 1;

        ClassNode c = new ClassNode();
        c.version = Math.max(body.version & 0xFFFF, Opcodes.V11);
        c.access = Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC;
        c.name = name;
        c.superName = BASE;
        c.sourceFile = body.sourceFile;
        c.methods.add(constructor());
        c.methods.add(fresh());
        c.methods.add(resume);
        c.methods.add(guarded());
        c.methods.add(guardedAnywhere());
        for (Map.Entry<String, String> f : fields.entrySet()) {
            c.fields.add(new FieldNode(Opcodes.ACC_PRIVATE, f.getKey(), f.getValue(), null, null));
        }
        ClassWriter w = new HierarchyWriter(linkage, name);
        c.accept(w);
        return w.toByteArray();
    }

    // ------------------------------------------------------------------ relinking

    private void relink(InsnList code, AbstractInsnNode insn) throws Analysis.NotCompilable {
        try {
            if (insn instanceof FieldInsnNode f) {
                if (!linkage.accessible(f.getOpcode(), f.owner, f.name, f.desc)) {
                    code.set(insn, member(linkage.handle(f.getOpcode(), f.owner, f.name, f.desc), f.name,
                            fieldEffect(f)));
                }
            } else if (insn instanceof MethodInsnNode m) {
                if (m.getOpcode() == Opcodes.INVOKESPECIAL) {
                    if (m.name.equals("<init>")) {
                        if (!linkage.accessible(m.getOpcode(), m.owner, m.name, m.desc)) {
                            newThroughHandle(code, m);
                        }
                        return;
                    }
                    if (linkage.accessible(Opcodes.INVOKEVIRTUAL, m.owner, m.name, m.desc)
                            || !isPrivate(m)) {
                        throw new Analysis.NotCompilable("it calls a superclass method with super."
                                + m.name + "(...)", analysis.lineOf(insn));
                    }
                }
                if (!linkage.accessible(m.getOpcode(), m.owner, m.name, m.desc)) {
                    String effect = m.getOpcode() == Opcodes.INVOKESTATIC ? m.desc
                            : "(" + Type.getObjectType(m.owner).getDescriptor() + m.desc.substring(1);
                    code.set(insn, member(linkage.handle(m.getOpcode(), m.owner, m.name, m.desc), m.name, effect));
                }
            } else if (insn instanceof InvokeDynamicInsnNode indy) {
                for (Object a : indy.bsmArgs) {
                    if (a instanceof ConstantDynamic) {
                        throw new Analysis.NotCompilable("it uses a dynamic constant", analysis.lineOf(insn));
                    }
                }
                int index = links.size();
                links.add(new Linkage.Indy(linkage, indy.bsm, indy.bsmArgs));
                code.set(insn, new InvokeDynamicInsnNode(indy.name, indy.desc, INDIRECT, index));
            } else if (insn instanceof LdcInsnNode ldc
                    && (ldc.cst instanceof Handle || ldc.cst instanceof ConstantDynamic)) {
                throw new Analysis.NotCompilable("it loads a method handle or dynamic constant",
                        analysis.lineOf(insn));
            }
        } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException e) {
            throw new Analysis.NotCompilable("a class or member it uses could not be resolved (" + e + ")",
                    analysis.lineOf(insn));
        }
    }

    /**
     * {@code new X(args)} where only X's nest may call the constructor: javac's NEW, DUP, args, invokespecial
     * becomes args, then an invokedynamic returning the new object, which leaves the stack as it was.
     */
    private void newThroughHandle(InsnList code, MethodInsnNode init) throws ReflectiveOperationException,
            Analysis.NotCompilable {
        org.objectweb.asm.tree.analysis.Frame<BasicValue> f = frameOf.get(init);
        int args = Type.getArgumentTypes(init.desc).length;
        BasicValue receiver = f == null ? null : f.getStack(f.getStackSize() - args - 1);
        AbstractInsnNode dup = receiver instanceof Analysis.Uninit u ? u.at.getNext() : null;
        if (dup == null || dup.getOpcode() != Opcodes.DUP) {
            throw new Analysis.NotCompilable("it calls a constructor only its class's nest may call ("
                    + init.owner.replace('/', '.') + "), in a shape other than new X(...)", analysis.lineOf(init));
        }
        AbstractInsnNode made = ((Analysis.Uninit) receiver).at;
        String effect = init.desc.substring(0, init.desc.indexOf(')') + 1) + Type.getObjectType(init.owner).getDescriptor();
        code.set(init, member(linkage.handle(Opcodes.INVOKESPECIAL, init.owner, "<init>", init.desc), "new", effect));
        code.remove(dup);
        code.remove(made);
    }

    private boolean isPrivate(MethodInsnNode m) throws ReflectiveOperationException {
        // only private methods are called with invokespecial besides constructors and super calls
        for (java.lang.reflect.Method d : linkage.load(m.owner).getDeclaredMethods()) {
            if (d.getName().equals(m.name) && Type.getMethodDescriptor(d).equals(m.desc)) {
                return java.lang.reflect.Modifier.isPrivate(d.getModifiers());
            }
        }
        return false;
    }

    private static String fieldEffect(FieldInsnNode f) {
        String owner = Type.getObjectType(f.owner).getDescriptor();
        return switch (f.getOpcode()) {
            case Opcodes.GETFIELD -> "(" + owner + ")" + f.desc;
            case Opcodes.PUTFIELD -> "(" + owner + f.desc + ")V";
            case Opcodes.GETSTATIC -> "()" + f.desc;
            default -> "(" + f.desc + ")V";
        };
    }

    private InvokeDynamicInsnNode member(MethodHandle handle, String memberName, String effect) {
        int index = links.size();
        links.add(handle);
        return new InvokeDynamicInsnNode(memberName, effect, MEMBER, index);
    }

    // ------------------------------------------------------------------ sites, endings, prologue

    private InsnList site(Site s, LabelNode resumePoint) {
        InsnList l = new InsnList();
        LabelNode immediate = new LabelNode();
        LabelNode after = new LabelNode();
        boolean delegating = s.kind == Site.Kind.YIELD_FROM || s.kind == Site.Kind.YIELD_ALL;
        if (s.kind == Site.Kind.RECEIVE) {
            l.add(new InsnNode(Opcodes.POP));
            if (shape.hooked) {
                // what to hand out, asked before anything is saved: an exception from the hook is raised here
                l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, BASE, "beforeReceive", "()Ljava/lang/Object;",
                        false));
                l.add(new VarInsnNode(Opcodes.ASTORE, temp));
            }
        } else {
            l.add(new VarInsnNode(Opcodes.ASTORE, temp));
            l.add(new InsnNode(Opcodes.POP));
        }
        if (delegating) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new VarInsnNode(Opcodes.ALOAD, temp));
            if (s.kind == Site.Kind.YIELD_FROM) {
                l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, BASE, "delegate", "(Lio/jcoro/Generator;)Z", false));
            } else {
                l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, BASE, "delegateAll", "(Ljava/lang/Iterable;)Z",
                        false));
            }
            l.add(new JumpInsnNode(Opcodes.IFEQ, immediate));
        }
        for (int i = s.stack.length - 1; i >= 0; i--) {
            BasicValue v = s.stack[i];
            if (placeholder(v)) {
                l.add(new InsnNode(Opcodes.POP));
                continue;
            }
            String f = field("s" + i, v);
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            if (v.getSize() == 2) {
                l.add(new InsnNode(Opcodes.DUP_X2));
                l.add(new InsnNode(Opcodes.POP));
            } else {
                l.add(new InsnNode(Opcodes.SWAP));
            }
            l.add(new FieldInsnNode(Opcodes.PUTFIELD, name, f, fields.get(f)));
        }
        for (int j = 0; j < s.liveSlots.length; j++) {
            BasicValue v = s.liveTypes[j];
            if (placeholder(v)) {
                continue;
            }
            String f = field("l" + s.liveSlots[j], v);
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new VarInsnNode(v.getType().getOpcode(Opcodes.ILOAD), s.liveSlots[j] + 1));
            l.add(new FieldInsnNode(Opcodes.PUTFIELD, name, f, fields.get(f)));
        }
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(intConstant(s.number));
        l.add(new FieldInsnNode(Opcodes.PUTFIELD, name, "label", "I"));
        if (s.kind == Site.Kind.YIELD || (s.kind == Site.Kind.RECEIVE && shape.hooked)) {
            l.add(new VarInsnNode(Opcodes.ALOAD, temp));
        } else if (delegating) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new FieldInsnNode(Opcodes.GETFIELD, name, "out", "Ljava/lang/Object;"));
        } else {
            l.add(new InsnNode(Opcodes.ACONST_NULL));
        }
        l.add(new InsnNode(Opcodes.ARETURN));
        // the resume point: the exception thrown in is raised here, inside the body's try ranges
        LabelNode noThrow = new LabelNode();
        l.add(resumePoint);
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new FieldInsnNode(Opcodes.GETFIELD, name, "thrown", "Ljava/lang/Throwable;"));
        l.add(new InsnNode(Opcodes.DUP));
        l.add(new JumpInsnNode(Opcodes.IFNULL, noThrow));
        l.add(new InsnNode(Opcodes.ATHROW));
        l.add(noThrow);
        l.add(new InsnNode(Opcodes.POP));
        if (s.kind.pushes) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new FieldInsnNode(Opcodes.GETFIELD, name, "sent", "Ljava/lang/Object;"));
        }
        if (delegating) {
            l.add(new JumpInsnNode(Opcodes.GOTO, after));
            l.add(immediate);
            if (s.kind.pushes) {
                l.add(new VarInsnNode(Opcodes.ALOAD, 0));
                l.add(new FieldInsnNode(Opcodes.GETFIELD, name, "out", "Ljava/lang/Object;"));
            }
            l.add(after);
        }
        return l;
    }

    /** What replaces a return: the machine ends, and the result (null for a void body) is returned. */
    private InsnList ending(int op) {
        InsnList l = new InsnList();
        if (shape.returnsResult) {
            switch (op) {
                case Opcodes.RETURN -> l.add(new InsnNode(Opcodes.ACONST_NULL));
                case Opcodes.IRETURN -> l.add(box(Type.INT_TYPE));
                case Opcodes.LRETURN -> l.add(box(Type.LONG_TYPE));
                case Opcodes.FRETURN -> l.add(box(Type.FLOAT_TYPE));
                case Opcodes.DRETURN -> l.add(box(Type.DOUBLE_TYPE));
                default -> {
                }
            }
        } else {
            if (op == Opcodes.LRETURN || op == Opcodes.DRETURN) {
                l.add(new InsnNode(Opcodes.POP2));
            } else if (op != Opcodes.RETURN) {
                l.add(new InsnNode(Opcodes.POP));
            }
            l.add(new InsnNode(Opcodes.ACONST_NULL));
        }
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new InsnNode(Opcodes.ICONST_M1));
        l.add(new FieldInsnNode(Opcodes.PUTFIELD, name, "label", "I"));
        l.add(new InsnNode(Opcodes.ARETURN));
        return l;
    }

    private static MethodInsnNode box(Type t) {
        String wrapper = switch (t.getSort()) {
            case Type.INT -> "java/lang/Integer";
            case Type.LONG -> "java/lang/Long";
            case Type.FLOAT -> "java/lang/Float";
            default -> "java/lang/Double";
        };
        return new MethodInsnNode(Opcodes.INVOKESTATIC, wrapper, "valueOf",
                "(" + t.getDescriptor() + ")L" + wrapper + ";", false);
    }

    private InsnList prologue(LabelNode[] resumePoints) {
        InsnList l = new InsnList();
        LabelNode start = new LabelNode();
        LabelNode bad = new LabelNode();
        LabelNode first = new LabelNode();
        LabelNode[] cases = new LabelNode[sites.size() + 1];
        cases[0] = start;
        for (int i = 1; i < cases.length; i++) {
            cases[i] = new LabelNode();
        }
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new FieldInsnNode(Opcodes.GETFIELD, name, "label", "I"));
        l.add(new TableSwitchInsnNode(0, sites.size(), bad, cases));
        l.add(start);
        for (int i = 0; i < captureTypes.length; i++) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new FieldInsnNode(Opcodes.GETFIELD, name, "c" + i, captureTypes[i].getDescriptor()));
            l.add(new VarInsnNode(captureTypes[i].getOpcode(Opcodes.ISTORE), captureSlots[i] + 1));
        }
        for (int i = 0; i < boundTypes.length; i++) {
            l.add(new VarInsnNode(Opcodes.ALOAD, 0));
            l.add(new FieldInsnNode(Opcodes.GETFIELD, name, "arguments", "[Ljava/lang/Object;"));
            l.add(intConstant(i));
            l.add(new InsnNode(Opcodes.AALOAD));
            l.add(new TypeInsnNode(Opcodes.CHECKCAST, boundTypes[i].getInternalName()));
            l.add(new VarInsnNode(Opcodes.ASTORE, boundSlots[i] + 1));
        }
        l.add(new InsnNode(Opcodes.ACONST_NULL)); // the yielder is never used but as the receiver of yields
        l.add(new VarInsnNode(Opcodes.ASTORE, yielderSlot + 1));
        l.add(new JumpInsnNode(Opcodes.GOTO, first));
        for (Site s : sites) {
            l.add(cases[s.number]);
            for (int j = 0; j < s.liveSlots.length; j++) {
                load(l, "l" + s.liveSlots[j], s.liveTypes[j]);
                l.add(new VarInsnNode(storeOpcode(s.liveTypes[j]), s.liveSlots[j] + 1));
            }
            for (int i = 0; i < s.stack.length; i++) {
                load(l, "s" + i, s.stack[i]);
            }
            l.add(new JumpInsnNode(Opcodes.GOTO, resumePoints[s.number - 1]));
        }
        l.add(bad);
        l.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
        l.add(new InsnNode(Opcodes.DUP));
        l.add(new LdcInsnNode("a compiled generator resumed in no state it can be in"));
        l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                "(Ljava/lang/String;)V", false));
        l.add(new InsnNode(Opcodes.ATHROW));
        l.add(first);
        return l;
    }

    private void load(InsnList l, String prefix, BasicValue v) {
        if (placeholder(v)) {
            l.add(new InsnNode(Opcodes.ACONST_NULL));
            return;
        }
        String f = field(prefix, v);
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new FieldInsnNode(Opcodes.GETFIELD, name, f, fields.get(f)));
        if (v.isReference()) {
            String type = linkage.nameableSupertype(v.getType().getInternalName());
            if (!type.equals("java/lang/Object")) {
                l.add(new TypeInsnNode(Opcodes.CHECKCAST, type));
            }
        }
    }

    private static int storeOpcode(BasicValue v) {
        return v.isReference() ? Opcodes.ASTORE : v.getType().getOpcode(Opcodes.ISTORE);
    }

    /** The yielder (a null placeholder in the machine) and the null constant need no field. */
    private boolean placeholder(BasicValue v) {
        return analysis.isYielder(v) || (v.isReference() && v.getType().getInternalName().equals("null"));
    }

    /** The field that keeps a value of v's kind under this prefix; one per prefix and kind. */
    private String field(String prefix, BasicValue v) {
        String desc = switch (v.getType().getSort()) {
            case Type.INT, Type.BOOLEAN, Type.BYTE, Type.CHAR, Type.SHORT -> "I";
            case Type.LONG -> "J";
            case Type.FLOAT -> "F";
            case Type.DOUBLE -> "D";
            default -> "Ljava/lang/Object;";
        };
        String f = prefix + desc.charAt(0);
        fields.put(f, desc);
        return f;
    }

    private static AbstractInsnNode intConstant(int v) {
        if (v >= -1 && v <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + v);
        }
        return v <= Short.MAX_VALUE ? new IntInsnNode(Opcodes.SIPUSH, v) : new LdcInsnNode(v);
    }

    // ------------------------------------------------------------------ the other methods

    private MethodNode constructor() {
        MethodNode m = new MethodNode(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        m.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        m.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, BASE, "<init>", "()V", false));
        m.instructions.add(new InsnNode(Opcodes.RETURN));
        return m;
    }

    private MethodNode fresh() {
        MethodNode m = new MethodNode(Opcodes.ACC_PROTECTED, "fresh",
                "(Ljava/lang/Object;)L" + BASE + ";", null, null);
        InsnList l = m.instructions;
        l.add(new TypeInsnNode(Opcodes.NEW, name));
        l.add(new InsnNode(Opcodes.DUP));
        l.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, name, "<init>", "()V", false));
        l.add(new VarInsnNode(Opcodes.ASTORE, 2));
        for (int i = 0; i < captureTypes.length; i++) {
            String desc = captureTypes[i].getDescriptor();
            fields.put("c" + i, desc);
            int index = links.size();
            links.add(captureGetters[i]);
            l.add(new VarInsnNode(Opcodes.ALOAD, 2));
            l.add(new VarInsnNode(Opcodes.ALOAD, 1));
            l.add(new InvokeDynamicInsnNode("capture" + i, "(Ljava/lang/Object;)" + desc, MEMBER, index));
            l.add(new FieldInsnNode(Opcodes.PUTFIELD, name, "c" + i, desc));
        }
        l.add(new VarInsnNode(Opcodes.ALOAD, 2));
        l.add(new InsnNode(Opcodes.ARETURN));
        return m;
    }

    private MethodNode guarded() {
        MethodNode m = new MethodNode(Opcodes.ACC_PROTECTED, "guarded", "(I)Z", null, null);
        InsnList l = m.instructions;
        if (sites.size() > 62) {
            l.add(new InsnNode(Opcodes.ICONST_1));
        } else {
            long mask = 0;
            for (Site s : sites) {
                if (s.guarded) {
                    mask |= 1L << s.number;
                }
            }
            l.add(new LdcInsnNode(mask));
            l.add(new VarInsnNode(Opcodes.ILOAD, 1));
            l.add(new InsnNode(Opcodes.LUSHR));
            l.add(new InsnNode(Opcodes.L2I));
            l.add(new InsnNode(Opcodes.ICONST_1));
            l.add(new InsnNode(Opcodes.IAND));
        }
        l.add(new InsnNode(Opcodes.IRETURN));
        return m;
    }

    private MethodNode guardedAnywhere() {
        MethodNode m = new MethodNode(Opcodes.ACC_PROTECTED, "guardedAnywhere", "()Z", null, null);
        boolean any = sites.size() > 62 || sites.stream().anyMatch(s -> s.guarded);
        m.instructions.add(new InsnNode(any ? Opcodes.ICONST_1 : Opcodes.ICONST_0));
        m.instructions.add(new InsnNode(Opcodes.IRETURN));
        return m;
    }

    /** How far ASM may go computing a generated class's frames: far beyond its defaults, still bounded. */
    static final int LIMIT_BYTES = 1 << 28;
    static final long LIMIT_OPERATIONS = 4_000_000_000L;

    /** Computes frames with the body's class loader answering questions about the class hierarchy. */
    private static final class HierarchyWriter extends ClassWriter {
        private final Linkage linkage;
        private final String self;

        HierarchyWriter(Linkage linkage, String self) {
            super(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
            this.linkage = linkage;
            this.self = self;
            // ASM's default limits guard against hostile class files; these are the program's own, and a body
            // with hundreds of locals in nested try blocks passes the default number of operations
            setComputeLimits(LIMIT_BYTES, LIMIT_OPERATIONS);
        }

        @Override
        protected String getCommonSuperClass(String a, String b) {
            try {
                Class<?> c = a.equals(self) ? StateMachine.class : linkage.load(a);
                Class<?> d = b.equals(self) ? StateMachine.class : linkage.load(b);
                if (c.isAssignableFrom(d)) {
                    return a;
                }
                if (d.isAssignableFrom(c)) {
                    return b;
                }
                if (c.isInterface() || d.isInterface()) {
                    return "java/lang/Object";
                }
                do {
                    c = c.getSuperclass();
                } while (!c.isAssignableFrom(d));
                return Type.getInternalName(c);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot compute a frame: " + e, e);
            }
        }

        @Override
        protected ClassLoader getClassLoader() {
            return linkage.lookup().lookupClass().getClassLoader();
        }
    }
}
