package io.jcoro.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/*
 * Overview: turns a generator body's lambda into a state machine, once per lambda call site.
 *
 * The body interfaces extend Serializable, so javac gives every body lambda a writeReplace method whose
 * SerializedLambda names the method javac compiled the lambda's code into. That method's bytecode is read through
 * its class loader, analysed (Analysis) and rewritten into a StateMachine subclass (Writer), defined as a normal
 * class in the body's own package with a full-privilege lookup on the body's class (privateLookupIn: the package
 * must be open to jcoro, which the unnamed module always is). The result is kept per lambda class, which is per
 * call site, in a ClassValue: it lives and dies with the lambda's class, and the generated class with its class
 * loader. A body that cannot be compiled gets a plan that says why, logged once at DEBUG, and runs on a stackful
 * backend; with -Djcoro.compile=require it fails at creation with that reason instead.
 */
public final class Compiler {
    private Compiler() {
    }

    /** The system property: {@code true} (the default), {@code false}, or {@code require}. */
    public static final String PROPERTY = "jcoro.compile";

    private enum Mode { ON, OFF, REQUIRE }

    private static final String MODE_ERROR;
    private static final Mode MODE;

    static {
        String v = System.getProperty(PROPERTY, "").trim();
        Mode m = switch (v) {
            case "", "true" -> Mode.ON;
            case "false" -> Mode.OFF;
            case "require" -> Mode.REQUIRE;
            default -> null;
        };
        MODE = m == null ? Mode.OFF : m;
        MODE_ERROR = m == null ? "-D" + PROPERTY + "=" + v + ": expected true, false or require" : null;
    }

    private static final System.Logger LOG = System.getLogger("io.jcoro");

    /** Tests only: rewrites each generated class before it is defined, to prove a broken one falls back. */
    static volatile java.util.function.UnaryOperator<byte[]> tamper;
    private static final AtomicLong NAMES = new AtomicLong();

    /** One plan per lambda class; computed on first use under the holder's lock, so a race compiles once. */
    private static final ClassValue<Holder> PLANS = new ClassValue<>() {
        @Override
        protected Holder computeValue(Class<?> type) {
            return new Holder();
        }
    };

    private static final class Holder {
        volatile Plan plan;
    }

    /** What became of one call site: a prototype machine, or why there is none. */
    private record Plan(StateMachine prototype, String reason, String where, boolean logged) {
        Plan(StateMachine prototype, String reason, String where) {
            this(prototype, reason, where, false);
        }
    }

    /**
     * A new state machine running {@code body}, or null when the body runs on a stackful backend (it is not
     * Python-shaped, or compilation is off).
     *
     * @throws IllegalStateException when {@code -Djcoro.compile=require} and the body cannot be compiled (the
     *         message names the reason and the source line), or when the property has a value it does not know
     */
    public static StateMachine machine(Object body) {
        if (MODE_ERROR != null) {
            throw new IllegalStateException(MODE_ERROR);
        }
        if (MODE == Mode.OFF) {
            return null;
        }
        Plan p = plan(body);
        if (p.prototype != null) {
            return p.prototype.fresh(body);
        }
        if (MODE == Mode.REQUIRE) {
            throw new IllegalStateException("-D" + PROPERTY + "=require: the generator body " + p.where
                    + " cannot be compiled: " + p.reason);
        }
        return null;
    }

    /** Why {@code body} does not compile, or null if it does; compiles it if that was not tried yet. */
    public static String whyNot(Object body) {
        Plan p = plan(body);
        return p.prototype != null ? null : p.reason;
    }

    /** A sentence saying why {@code body} runs on a stackful backend, for error messages. */
    public static String whyStackful(Object body) {
        if (MODE == Mode.OFF) {
            return "Compilation is off (-D" + PROPERTY + "=false).";
        }
        if (body == null) {
            return "";
        }
        Plan p = plan(body);
        return p.prototype != null ? "" : "The body (" + p.where + ") is not compiled: " + p.reason + ".";
    }

    private static Plan plan(Object body) {
        Holder h = PLANS.get(body.getClass());
        Plan p = h.plan;
        if (p == null) {
            synchronized (h) {
                p = h.plan;
                if (p == null) {
                    p = compile(body);
                    h.plan = p;
                    if (p.prototype == null && !p.logged) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "jcoro: the generator body " + h.plan.where
                                + " runs on a stackful backend: " + h.plan.reason);
                    }
                }
            }
        }
        return p;
    }

    private static Plan compile(Object body) {
        Class<?> type = body.getClass();
        String where = type.getName();
        try {
            Shape shape = Shape.of(type);
            if (shape == null || !type.isHidden() || !type.isSynthetic()) {
                return new Plan(null, "it is an instance of " + type.getName()
                        + ", not a lambda or method reference", where);
            }
            MethodHandles.Lookup jcoro = MethodHandles.lookup();
            Compiler.class.getModule().addReads(type.getModule());
            MethodHandles.Lookup proxy;
            try {
                proxy = MethodHandles.privateLookupIn(type, jcoro);
            } catch (IllegalAccessException e) {
                return new Plan(null, "package " + type.getPackageName() + " of " + type.getModule()
                        + " is not open to jcoro (add 'opens " + type.getPackageName() + " to io.jcoro;')", where);
            }
            MethodHandle writeReplace;
            try {
                writeReplace = proxy.findVirtual(type, "writeReplace", MethodType.methodType(Object.class));
            } catch (NoSuchMethodException e) {
                return new Plan(null, "the lambda is not serializable", where);
            }
            SerializedLambda lambda = (SerializedLambda) writeReplace.invoke(body);
            where = lambda.getImplClass().replace('/', '.') + "." + lambda.getImplMethodName();
            Class<?> impl = Class.forName(lambda.getImplClass().replace('/', '.'), false, type.getClassLoader());
            MethodHandles.Lookup implLookup;
            try {
                Compiler.class.getModule().addReads(impl.getModule());
                implLookup = MethodHandles.privateLookupIn(impl, jcoro);
            } catch (IllegalAccessException e) {
                return new Plan(null, "package " + impl.getPackageName() + " of " + impl.getModule()
                        + " is not open to jcoro (add 'opens " + impl.getPackageName() + " to io.jcoro;')", where);
            }
            byte[] bytes = classFile(impl);
            if (bytes == null) {
                return new Plan(null, "the class file of " + impl.getName() + " cannot be read through its class loader",
                        where);
            }
            ClassNode cn = new ClassNode();
            new ClassReader(bytes).accept(cn, ClassReader.SKIP_FRAMES);
            MethodNode mn = null;
            for (MethodNode m : cn.methods) {
                if (m.name.equals(lambda.getImplMethodName()) && m.desc.equals(lambda.getImplMethodSignature())) {
                    mn = m;
                }
            }
            if (mn == null) {
                return new Plan(null, "its method is not in the class file of " + impl.getName(), where);
            }
            where = (cn.sourceFile != null ? cn.sourceFile : impl.getSimpleName() + ".java") + ":"
                    + Analysis.firstLine(mn) + " (" + impl.getName() + "." + mn.name + ")";
            String refused = refuse(lambda, cn, mn, shape);
            if (refused != null) {
                return new Plan(null, refused, where);
            }
            boolean instance = (mn.access & Opcodes.ACC_STATIC) == 0;
            Type[] params = Type.getArgumentTypes(mn.desc);
            int captured = lambda.getCapturedArgCount();
            Type[] captureTypes = new Type[captured];
            int[] captureSlots = new int[captured];
            int slot = 0;
            for (int i = 0; i < captured; i++) {
                captureTypes[i] = instance && i == 0 ? Type.getObjectType(cn.name) : params[instance ? i - 1 : i];
                captureSlots[i] = slot;
                slot += captureTypes[i].getSize();
            }
            int explicitCaptures = captured - (instance ? 1 : 0);
            int yielderSlot = -1;
            List<Type> boundTypes = new java.util.ArrayList<>();
            List<Integer> boundSlots = new java.util.ArrayList<>();
            for (int j = 0; j < shape.params; j++) {
                Type t = params[explicitCaptures + j];
                if (j == shape.yielderIndex) {
                    yielderSlot = slot;
                } else {
                    boundTypes.add(t);
                    boundSlots.add(slot);
                }
                slot += t.getSize();
            }
            MethodHandle[] getters = new MethodHandle[captured];
            for (int i = 0; i < captured; i++) {
                Field f;
                try {
                    f = type.getDeclaredField("arg$" + (i + 1));
                } catch (NoSuchFieldException e) {
                    return new Plan(null, "its lambda class keeps captured values where jcoro does not look", where);
                }
                getters[i] = proxy.findGetter(type, f.getName(), f.getType());
            }
            Analysis analysis = new Analysis(cn.name, cn.superName, cn.interfaces,
                    (cn.access & Opcodes.ACC_INTERFACE) != 0, mn, shape, yielderSlot, impl.getClassLoader());
            List<Site> sites;
            try {
                sites = analysis.sites();
            } catch (Analysis.NotCompilable e) {
                return new Plan(null, e.getMessage() + at(cn, e.line), where);
            }
            String name = cn.name + "$$jcoro$" + mn.name + "$" + NAMES.incrementAndGet();
            Writer writer = new Writer(name, cn, mn, shape, analysis, sites, captureTypes, captureSlots, yielderSlot,
                    boundTypes.toArray(new Type[0]), boundSlots.stream().mapToInt(Integer::intValue).toArray(),
                    getters, new Linkage(implLookup));
            byte[] generated;
            try {
                generated = writer.write();
            } catch (Analysis.NotCompilable e) {
                return new Plan(null, e.getMessage() + at(cn, e.line), where);
            } catch (org.objectweb.asm.LimitExceededException e) {
                return new Plan(null, "its state machine is too large to work out (" + sites.size() + " yields)",
                        where);
            } catch (org.objectweb.asm.MethodTooLargeException e) {
                // every site saves and restores its live locals: sites x locals can outgrow what javac's code did
                return new Plan(null, "its state machine would be larger than the 64 KB the JVM allows a method ("
                        + sites.size() + " yields)", where);
            }
            java.util.function.UnaryOperator<byte[]> t = tamper;
            if (t != null) {
                generated = t.apply(generated);
            }
            dump(name, generated);
            Compiler.class.getModule().addExports(Compiler.class.getPackageName(), impl.getModule());
            Class<?> machine = implLookup.defineClass(generated);
            StateMachine.register(machine, writer.links());
            StateMachine prototype = (StateMachine) implLookup.findConstructor(machine,
                    MethodType.methodType(void.class)).invoke();
            return new Plan(prototype, null, where);
        } catch (Throwable t) {
            // A VerifyError, a class that cannot be loaded, a bug: never the user's failure. Say why at DEBUG.
            LOG.log(System.Logger.Level.DEBUG, "jcoro: compiling the generator body " + where
                    + " failed; it runs on a stackful backend", t);
            return new Plan(null, "compiling it failed (" + t + ")", where, true);
        }
    }

    /** Why the method itself cannot be the body of a machine, or null. */
    private static String refuse(SerializedLambda lambda, ClassNode cn, MethodNode mn, Shape shape) {
        if ((mn.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return "its method has no code";
        }
        if ((mn.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            return "its method is synchronized";
        }
        int kind = lambda.getImplMethodKind();
        boolean instance = (mn.access & Opcodes.ACC_STATIC) == 0;
        if (kind == MethodHandleInfo.REF_newInvokeSpecial) {
            return "it is a constructor reference";
        }
        if (instance && (mn.access & Opcodes.ACC_PRIVATE) == 0 && (mn.access & Opcodes.ACC_FINAL) == 0
                && (cn.access & Opcodes.ACC_FINAL) == 0) {
            return "it is a reference to a method that may be overridden";
        }
        Type[] params = Type.getArgumentTypes(mn.desc);
        int captured = lambda.getCapturedArgCount() - (instance ? 1 : 0);
        if (captured + shape.params != params.length) {
            return "its method takes " + params.length + " parameters where " + (captured + shape.params)
                    + " were expected";
        }
        for (int j = 0; j < shape.params; j++) {
            if (j != shape.yielderIndex && params[captured + j].getSort() != Type.OBJECT
                    && params[captured + j].getSort() != Type.ARRAY) {
                return "its parameter " + (j + 1) + " is a " + params[captured + j].getClassName();
            }
        }
        Type yielder = params[captured + shape.yielderIndex];
        if (yielder.getSort() != Type.OBJECT || !yielder.getInternalName().equals(shape.yielder)) {
            return "its last parameter is a " + yielder.getClassName() + ", not a "
                    + shape.yielder.replace('/', '.');
        }
        Type ret = Type.getReturnType(mn.desc);
        if (shape.returnsResult && ret.getSort() == Type.VOID) {
            return "its method returns nothing";
        }
        return null;
    }

    /** -Djcoro.compile.dump=DIR writes each generated class there, for javap. */
    private static void dump(String name, byte[] bytes) {
        String dir = System.getProperty("jcoro.compile.dump");
        if (dir == null) {
            return;
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of(dir, name + ".class");
            java.nio.file.Files.createDirectories(p.getParent());
            java.nio.file.Files.write(p, bytes);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "jcoro: cannot write " + name + " to " + dir, e);
        }
    }

    private static String at(ClassNode cn, int line) {
        return line > 0 ? ", at " + (cn.sourceFile != null ? cn.sourceFile : "line") + ":" + line : "";
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        String path = c.getName().replace('.', '/') + ".class";
        InputStream found = c.getModule().getResourceAsStream(path);
        if (found == null && c.getClassLoader() != null) {
            found = c.getClassLoader().getResourceAsStream(path);
        }
        if (found == null) {
            return null;
        }
        try (InputStream in = found) {
            return in.readAllBytes();
        }
    }
}
