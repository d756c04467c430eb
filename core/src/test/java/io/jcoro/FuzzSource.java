package io.jcoro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Writes random Python-shaped generator bodies as Java source for {@link DifferentialFuzzTest}, deterministically
 * from a seed.
 *
 * <p>Every statement it writes can complete normally (return, throw, break and continue only ever appear under an
 * {@code if}), every local is initialised where it is declared (or on both arms of an if), loops run at most three
 * times and nest at most two deep, and a body delegates ({@code yieldFrom}, {@code yieldAll} of a generator, a
 * drain with {@code next()}) only to bodies after it in the batch or to itself, and only while its depth
 * {@code d} is below {@link #MAX_DEPTH}: so the source always compiles and every body ends. The yielder is used
 * only as the receiver of yield calls in the body's own code, so every body is compilable by jcoro.
 *
 * <p>A body is a lambda that captures {@code this} (and uses the private fields and methods of its class), a lambda
 * made by a private static method, or a reference to a private method; each also captures a long and a String.
 * Its statements are drawn from loops, try/catch/finally, try-with-resources, switches on ints, strings and types,
 * labelled blocks and jumps, synchronized blocks without yields, delegation, and assignments whose values put
 * yields inside calls, string concatenations, ternaries, array stores and switch expressions, with every kind of
 * local and operand live across them. Every body traces what it does through {@link FuzzRuntime.Ctx#t}.
 */
final class FuzzSource {
    private FuzzSource() {
    }

    static final String PACKAGE = "fuzzgen";

    /**
     * Shapes the compiled backend is known to get wrong; the generator leaves them out unless
     * {@code -Djcoro.fuzz.known} names fewer (empty: leave none out). Each has a disabled test in
     * {@link CompiledRegressionTest}; when it passes, drop the shape from this list.
     * <ul>
     * <li>{@code full-privilege-indy}: in a compiled body whose class is in another module than jcoro (here: a
     * class loader of its own), an invokedynamic whose bootstrap demands a full-privilege lookup fails to link:
     * lambdas, method references and pattern switches.
     * <li>{@code sync-in-try}: a synchronized block inside a try block (or a catch clause with a finally) makes
     * jcoro refuse the body when a catch or finally around it yields.
     * <li>{@code nested-monitor} (the stackful backend): a body that holds a monitor and runs another generator
     * whose body takes the same monitor deadlocks on continuations. The generator then calls no generator inside
     * synchronized blocks.
     * <li>{@code size}: a large body whose machine passes the JVM's 64 KB per method or ASM's limits on computing
     * frames is refused. These bodies cannot be left out by shape; the fuzzer counts them instead of failing.
     * </ul>
     */
    static final java.util.Set<String> AVOIDED = java.util.Set.of(System.getProperty("jcoro.fuzz.known",
            "nested-monitor,size").split("\\s*,\\s*"));
    private static final int PER_CLASS = 16;
    private static final int MAX_DEPTH = 3;

    /** One generated body: {@code new PACKAGE.className(ctx).method(d)} returns it. */
    record Body(int index, String className, String method, boolean returning, String source, List<Integer> calls) {
    }

    /** The sources of one javac run (class name to text) and the bodies in them, by index. */
    record Batch(Map<String, String> files, List<Body> bodies) {
        /** The body's source and the sources of every body it reaches, for a failure report. */
        String sourceOf(int index) {
            StringBuilder b = new StringBuilder();
            TreeSet<Integer> seen = new TreeSet<>();
            List<Integer> todo = new ArrayList<>(List.of(index));
            while (!todo.isEmpty()) {
                int i = todo.remove(0);
                if (seen.add(i)) {
                    Body body = bodies.get(i);
                    b.append("// ").append(PACKAGE).append('.').append(body.className()).append('\n');
                    b.append(body.source());
                    todo.addAll(body.calls());
                }
            }
            return b.toString();
        }
    }

    static Batch batch(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] returning = new boolean[count];
        for (int i = 0; i < count; i++) {
            returning[i] = r.nextInt(5) != 0;
        }
        List<Body> bodies = new ArrayList<>();
        Map<String, StringBuilder> classes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String cls = classOf(i);
            BodyWriter w = new BodyWriter(new SplittableRandom(r.nextLong()), i, returning);
            String src = w.write();
            bodies.add(new Body(i, cls, "b" + i, returning[i], src, List.copyOf(w.calls)));
            classes.computeIfAbsent(cls, k -> new StringBuilder()).append(src);
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, StringBuilder> e : classes.entrySet()) {
            files.put(e.getKey(), "package " + PACKAGE + ";\n\n"
                    + "import io.jcoro.Generator;\n"
                    + "import io.jcoro.GeneratorExit;\n"
                    + "import io.jcoro.StopIteration;\n"
                    + "import io.jcoro.Yielder;\n"
                    + "import io.jcoro.FuzzRuntime.Ctx;\n"
                    + "import io.jcoro.FuzzRuntime.FuzzException;\n"
                    + "import io.jcoro.FuzzRuntime.Res;\n\n"
                    + "@SuppressWarnings(\"all\")\n"
                    + "public final class " + e.getKey() + " {\n"
                    + "    private final Ctx c;\n"
                    + "    private final int d;\n"
                    + "    private int acc;\n"
                    + "    private long lacc = 5L;\n"
                    + "    private String sacc = \"\";\n\n"
                    + "    public " + e.getKey() + "(Ctx c) {\n"
                    + "        this(c, 0);\n"
                    + "    }\n\n"
                    + "    private " + e.getKey() + "(Ctx c, int d) {\n"
                    + "        this.c = c;\n"
                    + "        this.d = d;\n"
                    + "    }\n\n"
                    + "    private static int twice(int v) {\n"
                    + "        return v * 2;\n"
                    + "    }\n\n"
                    + "    private int bump(int v) {\n"
                    + "        acc += v;\n"
                    + "        return acc;\n"
                    + "    }\n\n"
                    + e.getValue() + "}\n");
        }
        return new Batch(files, bodies);
    }

    static String classOf(int index) {
        return "G" + (index / PER_CLASS);
    }

    // ------------------------------------------------------------------ the writer of one body

    private enum K { INT, LONG, DOUBLE, FLOAT, BOOL, CHAR, BYTE, SHORT, STRING, INTS, LONGS, STRINGS, OBJ, SB, CS }

    private record Var(String name, K kind, boolean mutable) {
    }

    /** What the code being written may do at this point. */
    private static final class Scope {
        String y;
        String depth;
        boolean returning;
        boolean canReturn = true;
        boolean yields = true;
        boolean canBreak;
        boolean canContinue;
        boolean inTry;
        /** The body captures this: the private instance members of its class are in reach. */
        boolean instance;
        int loops;
        int nest;
        int lambdas;
        List<Var> vars = new ArrayList<>();
        List<String> breakLabels = new ArrayList<>();
        List<String> continueLabels = new ArrayList<>();

        Scope child() {
            Scope s = new Scope();
            s.y = y;
            s.depth = depth;
            s.returning = returning;
            s.canReturn = canReturn;
            s.yields = yields;
            s.canBreak = canBreak;
            s.canContinue = canContinue;
            s.inTry = inTry;
            s.instance = instance;
            s.loops = loops;
            s.nest = nest + 1;
            s.lambdas = lambdas;
            s.vars = new ArrayList<>(vars);
            s.breakLabels = new ArrayList<>(breakLabels);
            s.continueLabels = new ArrayList<>(continueLabels);
            return s;
        }
    }

    private static final String[] CATCHABLE = {"FuzzException", "IllegalStateException",
        "UnsupportedOperationException", "ArithmeticException", "RuntimeException", "Exception", "GeneratorExit",
        "Error", "Throwable"};
    private static final Map<String, String> PARENT = Map.of("FuzzException", "RuntimeException",
            "IllegalStateException", "RuntimeException", "UnsupportedOperationException", "RuntimeException",
            "ArithmeticException", "RuntimeException", "RuntimeException", "Exception", "Exception", "Throwable",
            "GeneratorExit", "Error", "Error", "Throwable");

    private static boolean related(String a, String b) {
        for (String p = a; p != null; p = PARENT.get(p)) {
            if (p.equals(b)) {
                return true;
            }
        }
        for (String p = b; p != null; p = PARENT.get(p)) {
            if (p.equals(a)) {
                return true;
            }
        }
        return false;
    }

    private static final class BodyWriter {
        private final SplittableRandom r;
        private final int index;
        private final boolean[] returningBodies;
        private final StringBuilder out = new StringBuilder();
        private final TreeSet<Integer> calls = new TreeSet<>();
        private int indent;
        private int names;
        private int budget;

        BodyWriter(SplittableRandom r, int index, boolean[] returningBodies) {
            this.r = r;
            this.index = index;
            this.returningBodies = returningBodies;
        }

        /**
         * The public factory {@code bN(int d)} of an instance of the class, and the body: either a lambda that
         * captures {@code this} (and so reads the private fields and calls the private methods of the class), or a
         * lambda made by a private static method that captures only its parameters. Both capture a long and a
         * String too.
         */
        String write() {
            boolean returning = returningBodies[index];
            String type = returning ? "Generator.ReturningBody<Object, Object, Object>"
                    : "Generator.Body<Object, Object>";
            int form = r.nextInt(10);
            indent = 1;
            Scope s = new Scope();
            s.y = "y";
            s.depth = "d";
            s.returning = returning;
            s.instance = form < 3 || form >= 8;
            String k = (index + 1) + "L * d + 5000000000L";
            String tag = "\"b" + index + "\" + d";
            open("public " + type + " b" + index + "(int d)");
            if (form < 3) {
                // a lambda that captures this
                line("long k = " + k + ";");
                line("String tag = " + tag + ";");
                line("return y -> {");
                indent++;
            } else if (form < 8) {
                // a lambda made by a static method: it captures the method's parameters only
                line("return s" + index + "(c, d, " + k + ", " + tag + ");");
                close("");
                line("");
                open("private static " + type + " s" + index + "(Ctx c, int d, long k, String tag)");
                line("return y -> {");
                indent++;
            } else {
                // a reference to a private method of a new instance that holds d
                line("return new " + classOf(index) + "(c, d)::m" + index + ";");
                close("");
                line("");
                open("private " + (returning ? "Object" : "void") + " m" + index
                        + "(Yielder<Object, Object> y) throws Exception");
                line("long k = " + k + ";");
                line("String tag = " + tag + ";");
            }
            s.vars.add(new Var("k", K.LONG, false));
            s.vars.add(new Var("tag", K.STRING, false));
            if (s.instance) {
                s.vars.add(new Var("acc", K.INT, true));
                s.vars.add(new Var("lacc", K.LONG, true));
                s.vars.add(new Var("sacc", K.STRING, true));
            }
            budget = 6 + r.nextInt(40);
            line("c.t(\"enter b" + index + " d=\" + d);");
            bodyContents(s, "b" + index);
            if (form < 8) {
                indent--;
                line("};");
            }
            close("");
            out.append('\n');
            return out.toString();
        }

        /** Declarations, statements, and the ending of a body (top level or an inline sub-generator). */
        private void bodyContents(Scope s, String what) {
            declareBase(s);
            if (chance(50)) {
                // rounds that survive the exceptions thrown in, so that long operation sequences reach deep
                String round = name("round");
                Scope inner = s.child();
                inner.loops++;
                inner.canBreak = true;
                inner.canContinue = true;
                inner.vars.add(new Var(round, K.INT, false));
                open("for (int " + round + " = 0; " + round + " < 3; " + round + "++)");
                open("try");
                inner.inTry = true;
                while (budget > 0) {
                    stmt(inner);
                }
                String e = name("e");
                close(" catch (FuzzException | IllegalStateException " + e + ") {");
                indent++;
                line("c.t(\"round \" + " + round + " + \" caught \" + c.v(" + e + "));");
                close("");
                close("");
            }
            while (budget > 0) {
                stmt(s);
            }
            trace(s, "exit " + what);
            if (s.returning) {
                line("return " + (s.yields && r.nextInt(4) == 0 ? yexprBoxed(s) : pureAny(s)) + ";");
            }
        }

        // -------------------------------------------------------------- output

        private void line(String text) {
            out.append("    ".repeat(indent)).append(text).append('\n');
        }

        private void open(String header) {
            line(header + " {");
            indent++;
        }

        private void close(String tail) {
            indent--;
            line("}" + tail);
        }

        private String name(String prefix) {
            return prefix + (++names);
        }

        private boolean chance(int percent) {
            return r.nextInt(100) < percent;
        }

        private <T> T pick(List<T> list) {
            return list.get(r.nextInt(list.size()));
        }

        // -------------------------------------------------------------- variables

        private void declareBase(Scope s) {
            declare(s, K.INT, String.valueOf(r.nextInt(-3, 20)), true);
            declare(s, K.LONG, (chance(50) ? 5_000_000_000L + r.nextInt(1000) : r.nextInt(-9, 99)) + "L", true);
            declare(s, K.DOUBLE, r.nextInt(-4, 9) + "." + r.nextInt(10), true);
            declare(s, K.BOOL, String.valueOf(r.nextBoolean()), true);
            declare(s, K.CHAR, "'" + (char) ('a' + r.nextInt(26)) + "'", true);
            declare(s, K.STRING, "\"" + name("s") + "\"", true);
            declare(s, K.INTS, "new int[] {" + r.nextInt(9) + ", " + r.nextInt(9) + ", " + r.nextInt(9) + "}", true);
            declare(s, K.OBJ, chance(50) ? "\"o\"" : String.valueOf(r.nextInt(50)), true);
            if (chance(40)) {
                declare(s, K.FLOAT, r.nextInt(9) + ".5f", true);
            }
            if (chance(30)) {
                declare(s, K.BYTE, "(byte) " + r.nextInt(100), true);
            }
            if (chance(30)) {
                declare(s, K.SHORT, "(short) " + r.nextInt(1000), true);
            }
            if (chance(40)) {
                declare(s, K.LONGS, "new long[] {" + r.nextInt(9) + "L, 7000000000L}", true);
            }
            if (chance(30)) {
                declare(s, K.STRINGS, "new String[] {\"p\", \"q\"}", true);
            }
            if (chance(40)) {
                declare(s, K.SB, "new StringBuilder(\"sb\")", true);
            }
            if (chance(30)) {
                declare(s, K.CS, "\"cs\"", true);
            }
            if (chance(30)) {
                declare(s, K.OBJ, "null", false); // a local the verifier types as null
            }
            if (chance(4)) {
                // past slot 255: the machine's locals, one slot up, need wide instructions
                StringBuilder many = new StringBuilder("int ");
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 140; i++) {
                    String n = name("w");
                    names.add(n);
                    many.append(i > 0 ? ", " : "").append(n).append(" = ").append(i);
                }
                line(many.append(';').toString());
                for (int i = 0; i < 3; i++) {
                    s.vars.add(new Var(names.get(r.nextInt(names.size())), K.INT, true));
                }
            }
        }

        private static String type(K k) {
            return switch (k) {
                case INT -> "int";
                case LONG -> "long";
                case DOUBLE -> "double";
                case FLOAT -> "float";
                case BOOL -> "boolean";
                case CHAR -> "char";
                case BYTE -> "byte";
                case SHORT -> "short";
                case STRING -> "String";
                case INTS -> "int[]";
                case LONGS -> "long[]";
                case STRINGS -> "String[]";
                case OBJ -> "Object";
                case SB -> "StringBuilder";
                case CS -> "CharSequence";
            };
        }

        private static String prefix(K k) {
            return switch (k) {
                case INT -> "i";
                case LONG -> "l";
                case DOUBLE -> "x";
                case FLOAT -> "f";
                case BOOL -> "z";
                case CHAR -> "h";
                case BYTE -> "b";
                case SHORT -> "sh";
                case STRING -> "s";
                case INTS -> "a";
                case LONGS -> "la";
                case STRINGS -> "sa";
                case OBJ -> "o";
                case SB -> "sb";
                case CS -> "cs";
            };
        }

        private String declare(Scope s, K k, String init, boolean mutable) {
            String n = name(prefix(k));
            line(type(k) + " " + n + " = " + init + ";");
            s.vars.add(new Var(n, k, mutable));
            return n;
        }

        private Var var(Scope s, K... kinds) {
            List<Var> found = new ArrayList<>();
            for (Var v : s.vars) {
                for (K k : kinds) {
                    if (v.kind == k) {
                        found.add(v);
                    }
                }
            }
            return found.isEmpty() ? null : pick(found);
        }

        private Var mutableVar(Scope s) {
            List<Var> found = new ArrayList<>();
            for (Var v : s.vars) {
                if (v.mutable) {
                    found.add(v);
                }
            }
            return found.isEmpty() ? null : pick(found);
        }

        /**
         * A trace line with the locals in scope: what the body sees after its resumes. All of them at a body's
         * exit and at a quarter of the other points, a few elsewhere (so machines stay under 64 KB of code).
         */
        private void trace(Scope s, String label) {
            StringBuilder b = new StringBuilder("c.t(\"" + label + "\"");
            List<Var> shown = s.vars;
            if (label.startsWith("@") && chance(75)) {
                shown = new ArrayList<>();
                for (Var v : s.vars) {
                    if (chance(25)) {
                        shown.add(v);
                    }
                }
            }
            for (Var v : shown) {
                b.append(" + \" ").append(v.name).append("=\" + ");
                switch (v.kind) {
                    case INTS, LONGS, STRINGS, OBJ, SB, CS -> b.append("c.v(").append(v.name).append(')');
                    default -> b.append(v.name);
                }
            }
            line(b.append(");").toString());
        }

        // -------------------------------------------------------------- expressions without yields

        private String pure(K k, Scope s) {
            return pure(k, s, 0);
        }

        private String pure(K k, Scope s, int depth) {
            boolean leaf = depth >= 2 || chance(45);
            switch (k) {
                case INT -> {
                    Var v = var(s, K.INT, K.BYTE, K.SHORT, K.CHAR);
                    if (leaf) {
                        return v != null && chance(70) ? v.name : lit(r.nextInt(-3, 12));
                    }
                    return switch (r.nextInt(11)) {
                        case 0 -> "(" + pure(K.INT, s, depth + 1) + " + " + pure(K.INT, s, depth + 1) + ")";
                        case 1 -> "(" + pure(K.INT, s, depth + 1) + " * " + r.nextInt(1, 5) + ")";
                        case 2 -> "(" + pure(K.INT, s, depth + 1) + " ^ " + r.nextInt(1, 9) + ")";
                        case 3 -> pure(K.STRING, s, depth + 1) + ".length()";
                        case 4 -> {
                            String a = pure(K.INTS, s, 2);
                            yield a + "[Math.floorMod(" + pure(K.INT, s, depth + 1) + ", " + a + ".length)]";
                        }
                        case 5 -> "(int) " + pure(K.LONG, s, depth + 1);
                        case 6 -> "(int) " + pure(K.DOUBLE, s, depth + 1);
                        case 7 -> "Math.floorMod(" + pure(K.INT, s, depth + 1) + ", " + r.nextInt(2, 6) + ")";
                        case 8 -> "(" + pure(K.BOOL, s, depth + 1) + " ? " + pure(K.INT, s, depth + 1) + " : "
                                + pure(K.INT, s, depth + 1) + ")";
                        case 9 -> "twice(" + pure(K.INT, s, depth + 1) + ")";
                        default -> "c.i(" + pure(K.OBJ, s, 2) + ")";
                    };
                }
                case LONG -> {
                    Var v = var(s, K.LONG, K.INT);
                    if (leaf) {
                        return v != null && chance(70) ? v.name
                                : chance(50) ? (6_000_000_000L + r.nextInt(99)) + "L" : lit(r.nextInt(-5, 50) + "L");
                    }
                    return switch (r.nextInt(6)) {
                        case 0 -> "(" + pure(K.LONG, s, depth + 1) + " + " + pure(K.LONG, s, depth + 1) + ")";
                        case 1 -> "(" + pure(K.LONG, s, depth + 1) + " * 3L)";
                        case 2 -> "(" + pure(K.LONG, s, depth + 1) + " << " + r.nextInt(1, 4) + ")";
                        case 3 -> {
                            Var la = var(s, K.LONGS);
                            yield la == null ? "(" + pure(K.LONG, s, depth + 1) + " ^ 0x5555L)"
                                    : la.name + "[Math.floorMod(" + pure(K.INT, s, depth + 1) + ", " + la.name
                                            + ".length)]";
                        }
                        case 4 -> "c.l(" + pure(K.OBJ, s, 2) + ")";
                        default -> pure(K.INT, s, depth + 1);
                    };
                }
                case DOUBLE -> {
                    Var v = var(s, K.DOUBLE, K.FLOAT);
                    if (leaf) {
                        return v != null && chance(70) ? v.name : lit(r.nextInt(-3, 9) + "." + r.nextInt(10));
                    }
                    return switch (r.nextInt(4)) {
                        case 0 -> "(" + pure(K.DOUBLE, s, depth + 1) + " * 0.5 + " + pure(K.DOUBLE, s, depth + 1)
                                + ")";
                        case 1 -> "(" + pure(K.DOUBLE, s, depth + 1) + " / 4)";
                        case 2 -> pure(K.LONG, s, depth + 1);
                        default -> "c.x(" + pure(K.OBJ, s, 2) + ")";
                    };
                }
                case FLOAT -> {
                    Var v = var(s, K.FLOAT);
                    if (leaf || chance(50)) {
                        return v != null && chance(70) ? v.name : r.nextInt(9) + ".25f";
                    }
                    return "(" + pure(K.FLOAT, s, depth + 1) + " * 2f)";
                }
                case BOOL -> {
                    Var v = var(s, K.BOOL);
                    if (leaf) {
                        return v != null && chance(70) ? v.name : String.valueOf(r.nextBoolean());
                    }
                    return switch (r.nextInt(7)) {
                        case 0 -> "(" + pure(K.INT, s, depth + 1) + " > " + r.nextInt(-2, 8) + ")";
                        case 1 -> "!" + pure(K.BOOL, s, depth + 1);
                        case 2 -> "(" + pure(K.BOOL, s, depth + 1) + " && " + pure(K.BOOL, s, depth + 1) + ")";
                        case 3 -> "(" + pure(K.BOOL, s, depth + 1) + " ^ " + pure(K.BOOL, s, depth + 1) + ")";
                        case 4 -> pure(K.STRING, s, depth + 1) + ".isEmpty()";
                        case 5 -> "(" + pure(K.LONG, s, depth + 1) + " % 3 == 0)";
                        default -> "c.z(" + pure(K.OBJ, s, 2) + ")";
                    };
                }
                case CHAR -> {
                    Var v = var(s, K.CHAR);
                    if (leaf) {
                        return v != null && chance(70) ? v.name : "'" + (char) ('a' + r.nextInt(26)) + "'";
                    }
                    return "(char) ('a' + Math.floorMod(" + pure(K.INT, s, depth + 1) + ", 26))";
                }
                case BYTE -> {
                    Var v = var(s, K.BYTE);
                    return v != null && chance(60) ? v.name : "(byte) " + pure(K.INT, s, depth + 1);
                }
                case SHORT -> {
                    Var v = var(s, K.SHORT);
                    return v != null && chance(60) ? v.name : "(short) " + pure(K.INT, s, depth + 1);
                }
                case STRING -> {
                    Var v = var(s, K.STRING);
                    if (leaf) {
                        return v != null && chance(70) ? v.name : "\"" + (char) ('a' + r.nextInt(4)) + "\"";
                    }
                    return switch (r.nextInt(7)) {
                        case 0 -> "(" + pure(K.STRING, s, depth + 1) + " + " + pureStr(s, depth + 1) + ")";
                        case 1 -> "String.valueOf(" + pure(K.DOUBLE, s, depth + 1) + ")";
                        case 2 -> "c.s(" + pure(K.OBJ, s, 2) + ")";
                        case 3 -> {
                            Var b = var(s, K.SB, K.CS);
                            yield b == null ? "\"e\"" : b.name + ".toString()";
                        }
                        case 4 -> "c.v(" + pure(K.INTS, s, depth + 1) + ")";
                        case 5 -> "(" + pure(K.BOOL, s, depth + 1) + " ? " + pure(K.STRING, s, depth + 1) + " : "
                                + pure(K.STRING, s, depth + 1) + ")";
                        default -> "String.valueOf(" + pure(K.CHAR, s, depth + 1) + ")";
                    };
                }
                case INTS -> {
                    Var v = var(s, K.INTS);
                    return v != null && (leaf || chance(60)) ? v.name
                            : "new int[] {" + pure(K.INT, s, 2) + ", " + pure(K.INT, s, 2) + "}";
                }
                case LONGS -> {
                    Var v = var(s, K.LONGS);
                    return v != null && chance(70) ? v.name : "new long[] {" + pure(K.LONG, s, 2) + "}";
                }
                case STRINGS -> {
                    Var v = var(s, K.STRINGS);
                    return v != null && chance(70) ? v.name
                            : "new String[] {" + pure(K.STRING, s, 2) + ", \"w\"}";
                }
                case SB -> {
                    Var v = var(s, K.SB);
                    return v != null ? v.name : "new StringBuilder(" + pure(K.STRING, s, 2) + ")";
                }
                case CS -> {
                    Var v = var(s, K.CS, K.SB, K.STRING);
                    return v != null ? v.name : "\"cs\"";
                }
                default -> {
                    Var v = var(s, K.OBJ);
                    return v != null && (leaf || chance(50)) ? v.name : pure(pickKind(), s, depth + 1);
                }
            }
        }

        private static String lit(int v) {
            return lit(String.valueOf(v));
        }

        private static String lit(String v) {
            return v.startsWith("-") ? "(" + v + ")" : v;
        }

        /** {@code expr} of kind {@code k} as a String operand: references go through c.v, never identity hashes. */
        private static String str(K k, String expr) {
            return switch (k) {
                case INTS, LONGS, STRINGS, OBJ -> "c.v(" + expr + ")";
                default -> expr;
            };
        }

        private String pureStr(Scope s, int depth) {
            K k = pickKind();
            return str(k, pure(k, s, depth));
        }

        private K pickKind() {
            K[] all = K.values();
            return all[r.nextInt(all.length)];
        }

        private String pureAny(Scope s) {
            return pure(pickKind(), s);
        }

        // -------------------------------------------------------------- expressions with yields

        /** A yield call, whose value is Object. */
        private String y(Scope s) {
            String arg = pureAny(s);
            return switch (r.nextInt(20)) {
                case 0 -> s.y + ".yield(c.v(" + s.y + ".yield(" + arg + ")))";
                case 1 -> s.y + ".yield(" + pure(K.STRING, s) + " + " + s.y + ".yield(" + arg + "))";
                default -> s.y + ".yield(" + arg + ")";
            };
        }

        /** An expression of kind {@code k} with at least one yield in it (when the scope may yield). */
        private String yexpr(K k, Scope s) {
            if (!s.yields) {
                return pure(k, s);
            }
            String y = y(s);
            return switch (k) {
                case INT -> switch (r.nextInt(9)) {
                    case 0 -> pure(K.INT, s) + " + c.i(" + y + ")";
                    case 1 -> "c.i(" + y + ") * " + r.nextInt(1, 4);
                    case 2 -> "c.m2(" + pure(K.INT, s) + ", " + y + ", " + pure(K.CHAR, s) + ")";
                    case 3 -> "(" + pure(K.BOOL, s) + " ? c.i(" + y + ") : " + pure(K.INT, s) + ")";
                    case 4 -> {
                        String a = pure(K.INTS, s);
                        yield a + "[Math.floorMod(" + pure(K.INT, s) + ", " + a + ".length)] - c.i(" + y + ")";
                    }
                    case 5 -> "(" + pure(K.BOOL, s) + " ? " + pure(K.INT, s) + " : " + pure(K.INT, s) + " + c.i("
                            + y + "))";
                    case 6 -> s.instance ? "bump(c.i(" + y + "))" : "twice(c.i(" + y + "))";
                    default -> "c.i(" + y + ")";
                };
                case LONG -> switch (r.nextInt(4)) {
                    case 0 -> pure(K.LONG, s) + " + c.l(" + y + ")";
                    case 1 -> "(" + pure(K.LONG, s) + " ^ c.l(" + y + ")) * 3L";
                    case 2 -> pure(K.LONG, s) + " * " + pure(K.INT, s) + " + c.i(" + y + ")";
                    default -> "c.l(" + y + ")";
                };
                case DOUBLE -> switch (r.nextInt(3)) {
                    case 0 -> pure(K.DOUBLE, s) + " * 0.5 + c.x(" + y + ")";
                    case 1 -> "c.x(" + y + ") / 2 - " + pure(K.DOUBLE, s);
                    default -> "c.x(" + y + ")";
                };
                case FLOAT -> "(float) (" + pure(K.FLOAT, s) + " + c.x(" + y + "))";
                case BOOL -> switch (r.nextInt(5)) {
                    case 0 -> "(" + pure(K.BOOL, s) + " && c.z(" + y + "))";
                    case 1 -> "(" + pure(K.BOOL, s) + " || c.z(" + y + "))";
                    case 2 -> "(c.i(" + y + ") > " + pure(K.INT, s) + ")";
                    case 3 -> "!c.z(" + y + ")";
                    default -> "c.z(" + y + ")";
                };
                case CHAR -> chance(50) ? "c.ch(" + y + ")"
                        : "(char) (" + pure(K.CHAR, s) + " + Math.floorMod(c.i(" + y + "), 3))";
                case BYTE -> "(byte) (" + pure(K.BYTE, s) + " + c.i(" + y + "))";
                case SHORT -> "(short) (" + pure(K.INT, s) + " - c.i(" + y + "))";
                case STRING -> switch (r.nextInt(7)) {
                    case 0 -> "\"p\" + " + pure(K.INT, s) + " + " + y + " + " + pure(K.LONG, s);
                    case 1 -> pure(K.STRING, s) + " + c.s(" + y + ")";
                    case 2 -> "new StringBuilder(" + pure(K.STRING, s) + ").append(" + y + ").append("
                            + pure(K.INT, s) + ").toString()";
                    case 3 -> "c.m(" + pure(K.LONG, s) + ", " + y + ", " + pure(K.DOUBLE, s) + ")";
                    case 4 -> "c.m3(" + pure(K.STRING, s) + ", " + pure(K.LONG, s) + ", " + y + ", "
                            + pure(K.INT, s) + ")";
                    case 5 -> pure(K.DOUBLE, s) + " + \"/\" + " + y;
                    default -> "c.s(" + y + ")";
                };
                case INTS -> "new int[] {" + pure(K.INT, s) + ", c.i(" + y + "), " + pure(K.INT, s) + "}";
                case LONGS -> "new long[] {" + pure(K.LONG, s) + ", c.l(" + y + ")}";
                case STRINGS -> "new String[] {" + pure(K.STRING, s) + ", c.s(" + y + ")}";
                case SB -> "new StringBuilder(" + pure(K.STRING, s) + ").append(" + y + ")";
                case CS -> "c.s(" + y + ")";
                case OBJ -> switch (r.nextInt(4)) {
                    case 0 -> "c.list(" + pureAny(s) + ", " + y + ", " + pureAny(s) + ")";
                    case 1 -> "c.v(" + y + ")";
                    default -> y;
                };
            };
        }

        /** A yield expression of any kind, as a value for Object (a return value). */
        private String yexprBoxed(Scope s) {
            K k = pickKind();
            return k == K.CHAR || k == K.BYTE || k == K.SHORT || k == K.FLOAT ? "c.v(" + yexpr(k, s) + ")"
                    : yexpr(k, s);
        }

        private String cond(Scope s) {
            return s.yields && chance(40) ? yexpr(K.BOOL, s) : pure(K.BOOL, s);
        }

        private String value(K k, Scope s) {
            return s.yields && chance(50) ? yexpr(k, s) : pure(k, s);
        }

        // -------------------------------------------------------------- statements

        private void block(Scope s, int max) {
            int n = 1 + r.nextInt(max);
            for (int i = 0; i < n && budget > 0; i++) {
                stmt(s);
            }
        }

        private void stmt(Scope s) {
            budget--;
            boolean deep = s.nest >= 5;
            int roll = r.nextInt(100);
            if (roll < 10) {
                trace(s, "@" + name("t"));
            } else if (roll < 28) {
                assign(s);
            } else if (roll < 33) {
                declaration(s);
            } else if (roll < 43) {
                yieldStatement(s);
            } else if (roll < 48) {
                jump(s);
            } else if (deep) {
                assign(s);
            } else if (roll < 53) {
                ifStatement(s);
            } else if (roll < 60) {
                loop(s);
            } else if (roll < 70) {
                tryStatement(s);
            } else if (roll < 74) {
                tryWithResources(s);
            } else if (roll < 79) {
                switchStatement(s);
            } else if (roll < 82) {
                switchExpression(s);
            } else if (roll < 84) {
                labelledBlock(s);
            } else if (roll < 86) {
                synchronizedBlock(s);
            } else if (roll < 91) {
                delegation(s);
            } else if (roll < 95) {
                yieldAll(s);
            } else if (roll < 96) {
                lambda(s);
            } else if (roll < 99) {
                risky(s);
            } else if (s.yields || !AVOIDED.contains("nested-monitor")) {
                line("c.poke();"); // the driven generator's body may take the monitor this one holds
            } else {
                trace(s, "@" + name("t"));
            }
        }

        private void assign(Scope s) {
            Var v = mutableVar(s);
            if (v == null) {
                trace(s, "@" + name("t"));
                return;
            }
            String n = v.name;
            switch (v.kind) {
                case INT -> line(n + pick(List.of(" = ", " += ", " -= ", " ^= ")) + value(K.INT, s) + ";");
                case LONG -> line(n + pick(List.of(" = ", " += ", " *= ")) + value(K.LONG, s) + ";");
                case DOUBLE -> line(n + pick(List.of(" = ", " += ")) + value(K.DOUBLE, s) + ";");
                case FLOAT -> line(chance(50) ? n + " = (float) (" + value(K.DOUBLE, s) + ");"
                        : n + " += " + value(K.DOUBLE, s) + ";");
                case BOOL -> line(n + pick(List.of(" = ", " ^= ", " &= ", " |= ")) + value(K.BOOL, s) + ";");
                case CHAR -> line(chance(70) ? n + " = " + value(K.CHAR, s) + ";" : n + "++;");
                case BYTE -> line(chance(50) ? n + " = (byte) (" + value(K.INT, s) + ");"
                        : n + " += " + value(K.INT, s) + ";");
                case SHORT -> line(n + " = " + value(K.SHORT, s) + ";");
                case STRING -> line(chance(50) ? n + " = " + value(K.STRING, s) + ";"
                        : n + " += " + (s.yields && chance(50) ? y(s) : pureStr(s, 0)) + ";");
                case INTS -> line(chance(30) ? n + " = " + value(K.INTS, s) + ";"
                        : n + "[Math.floorMod(" + pure(K.INT, s) + ", " + n + ".length)]"
                                + pick(List.of(" = ", " += ")) + value(K.INT, s) + ";");
                case LONGS -> line(n + "[Math.floorMod(" + pure(K.INT, s) + ", " + n + ".length)]"
                        + pick(List.of(" = ", " += ")) + value(K.LONG, s) + ";");
                case STRINGS -> line(n + "[Math.floorMod(" + pure(K.INT, s) + ", " + n + ".length)] = "
                        + value(K.STRING, s) + ";");
                case OBJ -> line(n + " = " + value(K.OBJ, s) + ";");
                case SB -> line(n + ".append(" + pure(K.INT, s) + ").append(" + (s.yields && chance(60) ? y(s)
                        : pureStr(s, 0)) + ");");
                case CS -> line(n + " = " + value(K.CS, s) + ";");
            }
        }

        private void declaration(Scope s) {
            K k = pickKind();
            if (chance(25)) {
                // assigned on both arms: live across the yields of the condition only where set
                String n = name(prefix(k));
                line(type(k) + " " + n + ";");
                open("if (" + cond(s) + ")");
                line(n + " = " + value(k, s) + ";");
                close("");
                open("else");
                line(n + " = " + pure(k, s) + ";");
                close("");
                s.vars.add(new Var(n, k, true));
                return;
            }
            declare(s, k, value(k, s), chance(80));
        }

        private void yieldStatement(Scope s) {
            if (!s.yields) {
                trace(s, "@" + name("t"));
                return;
            }
            if (chance(50)) {
                String n = name("r");
                line("Object " + n + " = " + y(s) + ";");
                line("c.t(\"got " + n + " \" + c.v(" + n + "));");
                s.vars.add(new Var(n, K.OBJ, true));
            } else {
                line(y(s) + ";");
            }
        }

        private void jump(Scope s) {
            List<String> options = new ArrayList<>();
            options.add("throw");
            if (s.canReturn) {
                options.add("return");
            }
            if (s.canBreak || !s.breakLabels.isEmpty()) {
                options.add("break");
            }
            if (s.canContinue || !s.continueLabels.isEmpty()) {
                options.add("continue");
            }
            String what = pick(options);
            String stmt = switch (what) {
                case "return" -> !s.returning ? "return;"
                        : "return " + (s.yields && chance(30) ? yexprBoxed(s) : pureAny(s)) + ";";
                case "break" -> s.breakLabels.isEmpty() || (s.canBreak && chance(40)) ? "break;"
                        : "break " + pick(s.breakLabels) + ";";
                case "continue" -> s.continueLabels.isEmpty() || (s.canContinue && chance(40)) ? "continue;"
                        : "continue " + pick(s.continueLabels) + ";";
                default -> "throw " + exception(s) + ";";
            };
            // mostly on the value sent: next() (null) never jumps, a send of 1 or true does
            open("if (" + (s.yields && chance(65) ? yexpr(K.BOOL, s) : pure(K.BOOL, s)) + ")");
            line("c.t(\"" + what + " " + name("j") + "\");");
            line(stmt);
            close("");
        }

        private String exception(Scope s) {
            String n = name("x");
            return switch (r.nextInt(9)) {
                case 0 -> "new IllegalStateException(\"" + n + "\")";
                case 1 -> "new UnsupportedOperationException(\"" + n + "\")";
                case 2 -> "new StopIteration(\"" + n + "\")";
                case 3 -> "new Exception(\"" + n + "\")";
                case 4 -> "new Error(\"" + n + "\")";
                case 5 -> "c.fx(\"" + n + " \" + " + value(K.STRING, s) + ")";
                default -> "new FuzzException(\"" + n + " \" + " + pure(K.INT, s) + ")";
            };
        }

        private void ifStatement(Scope s) {
            Scope then = s.child();
            if (chance(25)) {
                // a pattern binding, in scope in the then-block only
                String n = name("n");
                boolean integer = chance(60);
                open("if ((Object) (" + value(K.OBJ, s) + ") instanceof " + (integer ? "Integer " : "String ") + n + " && "
                        + (integer ? n + " > " + r.nextInt(-1, 4) : "!" + n + ".isEmpty()") + ")");
                binding(then, n, integer ? K.INT : K.STRING);
            } else {
                open("if (" + cond(s) + ")");
            }
            block(then, 3);
            if (chance(50)) {
                close(" else {");
                indent++;
                block(s.child(), 3);
            }
            close("");
            trace(s, "@" + name("t"));
        }

        private void loop(Scope s) {
            if (s.loops >= 2) {
                assign(s);
                return;
            }
            Scope inner = s.child();
            inner.loops++;
            inner.canBreak = true;
            inner.canContinue = true;
            String label = "";
            if (chance(40)) {
                String l = name("L");
                label = l + ": ";
                inner.breakLabels.add(l);
                inner.continueLabels.add(l);
            }
            int times = 1 + r.nextInt(3);
            String extra = chance(25) ? " && " + cond(s) : "";
            switch (r.nextInt(5)) {
                case 0, 1 -> {
                    String i = name("i");
                    open(label + "for (int " + i + " = 0; " + i + " < " + times + extra + "; " + i + "++)");
                    inner.vars.add(new Var(i, K.INT, false));
                    line("c.t(\"for " + i + " \" + " + i + ");");
                }
                case 2 -> {
                    String w = declare(s, K.INT, "0", false);
                    inner.vars.add(new Var(w, K.INT, false));
                    open(label + "while (" + w + " < " + times + extra + ")");
                    line(w + "++;");
                    line("c.t(\"while " + w + " \" + " + w + ");");
                }
                case 3 -> {
                    String e = name("e");
                    if (chance(50)) {
                        open(label + "for (int " + e + " : " + pure(K.INTS, s) + ")");
                        inner.vars.add(new Var(e, K.INT, false));
                    } else {
                        open(label + "for (Object " + e + " : c.list(" + pureAny(s) + ", " + pureAny(s) + "))");
                        inner.vars.add(new Var(e, K.OBJ, false));
                    }
                    line("c.t(\"each " + e + " \" + c.v(" + e + "));");
                }
                default -> {
                    String w = declare(s, K.INT, "0", false);
                    inner.vars.add(new Var(w, K.INT, false));
                    open(label + "do");
                    line(w + "++;");
                    line("c.t(\"do " + w + " \" + " + w + ");");
                    block(inner, 4);
                    close(" while (" + w + " < " + times + extra + ");");
                    trace(s, "@" + name("t"));
                    return;
                }
            }
            block(inner, 4);
            close("");
            trace(s, "@" + name("t"));
        }

        private void tryStatement(Scope s) {
            open("try");
            Scope body = s.child();
            body.inTry = true;
            block(body, 4);
            boolean fin = chance(50);
            boolean any = catches(s, fin);
            if (!any || fin) {
                finallyBlock(s);
            } else {
                close("");
            }
            trace(s, "@" + name("t"));
        }

        /**
         * Writes the catch clauses after a try block (whose brace is still open); true if it wrote any.
         * {@code finallyFollows}: a finally block's handler covers these clauses too.
         */
        private boolean catches(Scope s, boolean finallyFollows) {
            List<String> types = new ArrayList<>();
            for (String t : CATCHABLE) {
                int p = switch (t) {
                    case "FuzzException" -> 60;
                    case "RuntimeException", "Exception" -> 25;
                    default -> 15;
                };
                if (chance(p)) {
                    types.add(t);
                }
            }
            if (types.size() > 3) {
                types = types.subList(0, 3);
            }
            for (int i = 0; i < types.size(); i++) {
                String type = types.get(i);
                if (i + 1 < types.size() && !related(type, types.get(i + 1)) && chance(40)) {
                    type = type + " | " + types.get(i + 1);
                    i++;
                }
                String e = name("e");
                close(" catch (" + type + " " + e + ") {");
                indent++;
                line("c.t(\"catch " + e + " \" + c.v(" + e + "));");
                Scope h = s.child();
                h.inTry |= finallyFollows;
                handler(h, e, type.contains("GeneratorExit") || type.matches("(.*\\| )?(Error|Throwable)"));
            }
            return !types.isEmpty();
        }

        private void handler(Scope s, String e, boolean mayCatchExit) {
            int roll = r.nextInt(10);
            if (mayCatchExit && roll < 3) {
                if (s.canReturn && chance(70)) {
                    line(s.returning ? "return \"handled " + e + "\";" : "return;");
                    return;
                }
                if (s.yields) {
                    line(s.y + ".yield(\"ignore " + e + "\");");
                    return;
                }
            }
            switch (roll) {
                case 0, 1 -> {
                    open("if (" + cond(s) + ")");
                    line("throw " + e + ";");
                    close("");
                }
                case 2 -> {
                    open("if (" + cond(s) + ")");
                    line("throw c.fx(\"wrapped " + e + "\", " + e + ");");
                    close("");
                }
                case 3, 4 -> {
                    if (s.yields) {
                        line("c.t(\"sent to " + e + " \" + c.v(" + s.y + ".yield(\"caught " + e + "\")));");
                    }
                }
                case 5 -> {
                    if (s.canReturn) {
                        open("if (" + cond(s) + ")");
                        line(s.returning ? "return \"from " + e + "\";" : "return;");
                        close("");
                    }
                }
                default -> block(s, 3);
            }
        }

        private void finallyBlock(Scope s) {
            close(" finally {");
            indent++;
            String f = name("f");
            line("c.t(\"finally " + f + "\");");
            if (chance(60)) {
                block(s.child(), 3);
            }
            close("");
        }

        private void tryWithResources(Scope s) {
            Scope inner = s.child();
            inner.inTry = true;
            StringBuilder header = new StringBuilder("try (");
            int n = 1 + (chance(30) ? 1 : 0);
            for (int i = 0; i < n; i++) {
                String res = name("res");
                header.append(i > 0 ? "; " : "").append("Res ").append(res).append(" = c.res(\"").append(res)
                        .append("\", ").append(chance(25)).append(")");
                inner.vars.add(new Var(res, K.OBJ, false));
            }
            open(header + ")");
            block(inner, 4);
            boolean fin = chance(40);
            if (chance(60)) {
                catches(s, fin);
            }
            if (fin) {
                finallyBlock(s);
            } else {
                close("");
            }
            trace(s, "@" + name("t"));
        }

        private void switchStatement(Scope s) {
            if (chance(30) && !AVOIDED.contains("full-privilege-indy")) {
                patternSwitch(s);
                return;
            }
            Scope inner = s.child();
            inner.canBreak = true;
            boolean strings = chance(35);
            String selector = strings ? value(K.STRING, s) : "Math.floorMod(" + value(K.INT, s) + ", 4)";
            String[] labels = strings ? new String[] {"\"a\"", "\"b\"", "\"s\"", "\"\""}
                    : new String[] {"0", "1", "2", "3"};
            open("switch (" + selector + ")");
            boolean arrows = chance(50);
            int groups = 1 + r.nextInt(3);
            int next = 0;
            for (int g = 0; g < groups && next < labels.length; g++) {
                StringBuilder cases = new StringBuilder("case ").append(labels[next++]);
                if (next < labels.length && chance(30)) {
                    cases.append(arrows ? ", " : ": case ").append(labels[next++]);
                }
                if (arrows) {
                    open(cases + " ->");
                    block(inner.child(), 3);
                    close("");
                } else {
                    open(cases + ":");
                    block(inner.child(), 3);
                    close(chance(70) ? " break;" : " // falls through");
                }
            }
            if (chance(70)) {
                open(arrows ? "default ->" : "default:");
                block(inner.child(), 2);
                close("");
            }
            close("");
            trace(s, "@" + name("t"));
        }

        /**
         * Puts a pattern binding in scope: a String as it is; a boxed value as an Object (so no cast applies to it)
         * and a primitive copy.
         */
        private void binding(Scope s, String n, K kind) {
            if (kind == K.STRING) {
                s.vars.add(new Var(n, K.STRING, false));
                return;
            }
            s.vars.add(new Var(n, K.OBJ, false));
            String copy = name(prefix(kind));
            line(type(kind) + " " + copy + " = " + n + ";");
            s.vars.add(new Var(copy, kind, true));
        }

        /** A switch on the type of a value (Java 21): guarded and plain type patterns, case null, default. */
        private void patternSwitch(Scope s) {
            open("switch ((Object) (" + value(K.OBJ, s) + "))");
            String[][] types = {{"Integer", "INT"}, {"String", "STRING"}, {"Long", "LONG"}, {"Boolean", "BOOL"}};
            for (String[] t : types) {
                if (!chance(60)) {
                    continue;
                }
                K kind = K.valueOf(t[1]);
                for (int guarded = 1; guarded >= 0; guarded--) {
                    if (guarded == 1 && !chance(50)) {
                        continue;
                    }
                    String n = name("n");
                    Scope arm = s.child();
                    arm.canBreak = true;
                    String guard = "";
                    if (guarded == 1) {
                        // reads only effectively final locals (and fields), as guards must; never a constant, which
                        // would dominate the unguarded case after it
                        Scope g = s.child();
                        g.vars.removeIf(v -> !List.of("k", "tag", "acc", "lacc", "sacc").contains(v.name));
                        g.vars.add(new Var(n, K.OBJ, false));
                        guard = " when c.z(" + n + ") ^ " + (s.yields && chance(40) ? yexpr(K.BOOL, g)
                                : pure(K.BOOL, g));
                    }
                    open("case " + t[0] + " " + n + guard + " ->");
                    line("c.t(\"case " + n + " \" + c.v(" + n + "));");
                    binding(arm, n, kind);
                    block(arm, 2);
                    close("");
                }
            }
            Scope rest = s.child();
            rest.canBreak = true;
            if (chance(50)) {
                open("case null ->");
                line("c.t(\"case null\");");
                block(rest.child(), 2);
                close("");
                open("default ->");
            } else {
                open("case null, default ->");
            }
            line("c.t(\"default " + name("q") + "\");");
            block(rest, 2);
            close("");
            close("");
            trace(s, "@" + name("t"));
        }

        /** {@code v = [pure +] switch (...) { case -> yield-expr; default -> { statements; yield ...; } };} */
        private void switchExpression(Scope s) {
            List<Var> targets = new ArrayList<>();
            for (Var v : s.vars) {
                if (v.mutable && (v.kind == K.INT || v.kind == K.STRING)) {
                    targets.add(v);
                }
            }
            if (targets.isEmpty()) {
                assign(s);
                return;
            }
            Var t = pick(targets);
            // no prefix to a String: javac 25 crashes on a string concatenation whose operand is a switch expression
            // with a try in it (NullPointerException in Gen.doHandleSwitchExpression)
            String prefix = t.kind == K.INT && chance(50) ? pure(t.kind, s) + " + " : "";
            open(t.name + " = " + prefix + "switch (Math.floorMod(" + value(K.INT, s) + ", 3))");
            line("case 0 -> " + value(t.kind, s) + ";");
            line("case 1 -> " + pure(t.kind, s) + ";");
            open("default ->");
            Scope inner = s.child();
            inner.canReturn = false;
            inner.canBreak = false;
            inner.canContinue = false;
            inner.breakLabels.clear();
            inner.continueLabels.clear();
            inner.loops = 2; // no loops: their break and continue would need their own bookkeeping here
            block(inner, 3);
            line("yield " + value(t.kind, inner) + ";");
            close("");
            close(";");
            trace(s, "@" + name("t"));
        }

        private void labelledBlock(Scope s) {
            String l = name("B");
            Scope inner = s.child();
            inner.breakLabels.add(l);
            open(l + ":");
            block(inner, 4);
            close("");
        }

        private void synchronizedBlock(Scope s) {
            if (s.inTry && AVOIDED.contains("sync-in-try")) {
                trace(s, "@" + name("t"));
                return;
            }
            Scope inner = s.child();
            inner.yields = false;
            open("synchronized (c)");
            line("c.t(\"sync " + name("m") + "\");");
            block(inner, 3);
            close("");
        }

        /** A body to delegate to: a later one in the batch, or this one (the depth bound stops the recursion). */
        private String subBody(Scope s) {
            List<Integer> later = new ArrayList<>();
            for (int j = index; j < returningBodies.length && later.size() < 40; j++) {
                if (returningBodies[j]) {
                    later.add(j);
                }
            }
            boolean inline = s.lambdas == 0 && !AVOIDED.contains("full-privilege-indy");
            if (inline && (later.isEmpty() || chance(25))) {
                return null; // an inline lambda instead
            }
            if (later.isEmpty()) {
                return "";
            }
            int j = pick(later);
            calls.add(j);
            String target = s.instance && classOf(j).equals(classOf(index)) ? "" : "new " + classOf(j) + "(c).";
            return target + "b" + j + "(" + s.depth + " + 1)";
        }

        private void delegation(Scope s) {
            if (!s.yields) {
                if (AVOIDED.contains("nested-monitor")) {
                    trace(s, "@" + name("t"));
                } else {
                    drain(s);
                }
                return;
            }
            if (chance(20)) {
                drain(s);
                return;
            }
            String sub = subBody(s);
            if ("".equals(sub)) {
                yieldAll(s);
                return;
            }
            String n = name("r");
            line("Object " + n + " = \"too deep\";");
            open("if (" + s.depth + " < " + MAX_DEPTH + ")");
            if (sub != null) {
                line(n + " = " + s.y + ".yieldFrom(c.gen(" + sub + "));");
            } else {
                inlineSub(s, n + " = " + s.y + ".yieldFrom(c.gen(", "));");
            }
            close("");
            line("c.t(\"yieldFrom " + n + " \" + c.v(" + n + "));");
            s.vars.add(new Var(n, K.OBJ, true));
        }

        /** An inline lambda sub-generator: its own yielder, its own locals; it captures only c and d. */
        private void inlineSub(Scope s, String before, String after) {
            String yy = name("y");
            open(before + yy + " ->");
            Scope inner = new Scope();
            inner.y = yy;
            inner.depth = "(" + s.depth + " + 1)";
            inner.returning = true;
            inner.lambdas = s.lambdas + 1;
            inner.nest = s.nest + 1;
            inner.instance = s.instance;
            if (s.instance) {
                inner.vars.add(new Var("acc", K.INT, true));
            }
            int saved = budget;
            budget = Math.min(budget, 2 + r.nextInt(8));
            line("c.t(\"enter " + yy + "\");");
            bodyContents(inner, yy);
            budget = saved - 3;
            close(after);
        }

        private void drain(Scope s) {
            String sub = subBody(s);
            if ("".equals(sub)) {
                trace(s, "@" + name("t"));
                return;
            }
            open("if (" + s.depth + " < " + MAX_DEPTH + ")");
            if (sub != null) {
                line("c.t(\"drain \" + c.drain(c.gen(" + sub + ")));");
            } else {
                inlineSub(s, "c.t(\"drain \" + c.drain(c.gen(", ")));");
            }
            close("");
        }

        private void yieldAll(Scope s) {
            if (!s.yields) {
                trace(s, "@" + name("t"));
                return;
            }
            switch (r.nextInt(6)) {
                case 0 -> line(s.y + ".yieldAll(c.list());");
                case 1 -> line(s.y + ".yieldAll(c.closing(\"" + name("k") + "\", " + pureAny(s) + ", " + pureAny(s)
                        + "));");
                case 2 -> line(s.y + ".yieldAll(c.list(" + pureAny(s) + ", " + y(s) + ", " + pureAny(s) + "));");
                case 3 -> {
                    String sub = subBody(s);
                    if (sub != null && !sub.isEmpty()) {
                        open("if (" + s.depth + " < " + MAX_DEPTH + ")");
                        line(s.y + ".yieldAll(c.gen(" + sub + "));");
                        close("");
                    } else {
                        line(s.y + ".yieldAll(c.list(" + pureAny(s) + "));");
                    }
                }
                default -> line(s.y + ".yieldAll(c.list(" + pureAny(s) + ", " + pureAny(s) + ", " + pureAny(s)
                        + "));");
            }
            trace(s, "@" + name("t"));
        }

        private void lambda(Scope s) {
            if (AVOIDED.contains("full-privilege-indy")) {
                risky(s);
                return;
            }
            Var v = lastMutableInt(s);
            if (v == null) {
                trace(s, "@" + name("t"));
                return;
            }
            String p = name("p");
            if (chance(50)) {
                line(v.name + " = c.apply(" + p + " -> " + p + " * " + r.nextInt(2, 5) + " + 1, " + value(K.INT, s)
                        + ");");
            } else {
                line(v.name + " = c.apply(" + p + " -> { c.t(\"lambda \" + " + p + " + \" d=\" + d); return " + p
                        + " - 1; }, " + value(K.INT, s) + ");");
            }
        }

        /** The int local declared last that the body may assign, or null. */
        private static Var lastMutableInt(Scope s) {
            Var v = null;
            for (Var w : s.vars) {
                if (w.mutable && w.kind == K.INT) {
                    v = w;
                }
            }
            return v;
        }

        /** Arithmetic and indexing the sent values can make fail: exceptions raised by the JVM itself. */
        private void risky(Scope s) {
            Var v = lastMutableInt(s);
            if (v == null) {
                trace(s, "@" + name("t"));
                return;
            }
            if (chance(50)) {
                line(v.name + " = " + pure(K.INT, s) + " / " + value(K.INT, s) + ";");
            } else {
                String a = pure(K.INTS, s);
                line(v.name + " = " + a + "[" + value(K.INT, s) + "];");
            }
        }
    }
}
