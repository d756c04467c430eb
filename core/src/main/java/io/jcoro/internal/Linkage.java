package io.jcoro.internal;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What a generated class in the body's package may use directly, and method handles (made with a full-privilege
 * lookup on the body's class) for what it may not: the private members of the body's nest, and protected members
 * inherited from another package. The generated class is in the body's runtime package but is neither a nestmate
 * nor a subclass of anything the body's class extends.
 */
final class Linkage {

    private final MethodHandles.Lookup lookup;
    private final ClassLoader loader;
    private final String packageName;
    /** Classes by internal name; also used when a bootstrap links, from any thread. */
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    Linkage(MethodHandles.Lookup lookup) {
        this.lookup = lookup;
        this.loader = lookup.lookupClass().getClassLoader();
        this.packageName = lookup.lookupClass().getPackageName();
    }

    MethodHandles.Lookup lookup() {
        return lookup;
    }

    /** The class named by an internal name or array descriptor, loaded without initialising it. */
    Class<?> load(String internalName) throws ClassNotFoundException {
        Class<?> c = classes.get(internalName);
        if (c == null) {
            String name = internalName.replace('/', '.');
            c = Class.forName(name, false, loader);
            classes.put(internalName, c);
        }
        return c;
    }

    Class<?> load(Type type) throws ClassNotFoundException {
        return switch (type.getSort()) {
            case Type.BOOLEAN -> boolean.class;
            case Type.BYTE -> byte.class;
            case Type.CHAR -> char.class;
            case Type.SHORT -> short.class;
            case Type.INT -> int.class;
            case Type.LONG -> long.class;
            case Type.FLOAT -> float.class;
            case Type.DOUBLE -> double.class;
            case Type.VOID -> void.class;
            case Type.ARRAY -> load(type.getDescriptor());
            default -> load(type.getInternalName());
        };
    }

    MethodType methodType(String descriptor) {
        return MethodType.fromMethodDescriptorString(descriptor, loader);
    }

    /**
     * Whether code in a class of the body's package (not a nestmate, not a subclass) may use the field or method
     * {@code owner.name} as the instruction {@code opcode} names it.
     */
    boolean accessible(int opcode, String owner, String name, String descriptor) throws ReflectiveOperationException {
        if (owner.startsWith("[")) {
            return true; // array clone() and the members of Object
        }
        Class<?> ownerClass = load(owner);
        if (!classAccessible(ownerClass)) {
            return false;
        }
        Member member = opcode == Opcodes.GETFIELD || opcode == Opcodes.PUTFIELD || opcode == Opcodes.GETSTATIC
                || opcode == Opcodes.PUTSTATIC ? findField(ownerClass, name, descriptor)
                : name.equals("<init>") ? findConstructor(ownerClass, descriptor)
                : findMethod(ownerClass, name, descriptor);
        if (member == null) {
            throw new NoSuchFieldException(owner + "." + name + descriptor);
        }
        int mod = member.getModifiers();
        if (Modifier.isPublic(mod)) {
            return true;
        }
        if (Modifier.isPrivate(mod)) {
            return false;
        }
        Class<?> declaring = member.getDeclaringClass();
        // package access (and protected within the package): the same runtime package
        return declaring.getClassLoader() == loader && declaring.getPackageName().equals(packageName);
    }

    /**
     * {@code internalName}, or its nearest superclass that code in the body's package may name. The verifier's
     * type of a value can be a merge the body's own code never names (the package-private superclass of two
     * public classes of another package); a checkcast to it would fail to link.
     */
    String nameableSupertype(String internalName) {
        try {
            Class<?> c = load(internalName);
            if (classAccessible(c)) {
                return internalName;
            }
            if (c.isArray()) {
                return "java/lang/Object"; // an array of an inaccessible class: no useful supertype to name
            }
            for (Class<?> k = c.getSuperclass(); k != null; k = k.getSuperclass()) {
                if (classAccessible(k)) {
                    return Type.getInternalName(k);
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // the verifier loaded it a moment ago; if it cannot be loaded now, naming it would fail too
        }
        return "java/lang/Object";
    }

    private boolean classAccessible(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || Modifier.isPublic(c.getModifiers())) {
            return true;
        }
        return c.getClassLoader() == loader && c.getPackageName().equals(packageName);
    }

    private static Field findField(Class<?> c, String name, String descriptor) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getName().equals(name) && Type.getDescriptor(f.getType()).equals(descriptor)) {
                    return f;
                }
            }
            for (Class<?> i : k.getInterfaces()) {
                Field f = findField(i, name, descriptor);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Method findMethod(Class<?> c, String name, String descriptor) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            Method m = declared(k, name, descriptor);
            if (m != null) {
                return m;
            }
        }
        List<Class<?>> pending = new ArrayList<>(List.of(c.getInterfaces()));
        for (int i = 0; i < pending.size(); i++) {
            Class<?> k = pending.get(i);
            Method m = declared(k, name, descriptor);
            if (m != null) {
                return m;
            }
            pending.addAll(List.of(k.getInterfaces()));
        }
        return c.isInterface() ? declared(Object.class, name, descriptor) : null;
    }

    private static Member findConstructor(Class<?> c, String descriptor) {
        for (java.lang.reflect.Constructor<?> k : c.getDeclaredConstructors()) {
            if (Type.getConstructorDescriptor(k).equals(descriptor)) {
                return k;
            }
        }
        return null;
    }

    private static Method declared(Class<?> k, String name, String descriptor) {
        for (Method m : k.getDeclaredMethods()) {
            if (m.getName().equals(name) && Type.getMethodDescriptor(m).equals(descriptor)) {
                return m;
            }
        }
        return null;
    }

    /** A handle doing what the field or method instruction does, resolved with the body's class's privileges. */
    MethodHandle handle(int opcode, String owner, String name, String descriptor) throws ReflectiveOperationException {
        Class<?> ownerClass = load(owner);
        if (name.equals("<init>")) {
            return lookup.findConstructor(ownerClass, methodType(descriptor));
        }
        return switch (opcode) {
            case Opcodes.GETFIELD -> lookup.findGetter(ownerClass, name, load(Type.getType(descriptor)));
            case Opcodes.PUTFIELD -> lookup.findSetter(ownerClass, name, load(Type.getType(descriptor)));
            case Opcodes.GETSTATIC -> lookup.findStaticGetter(ownerClass, name, load(Type.getType(descriptor)));
            case Opcodes.PUTSTATIC -> lookup.findStaticSetter(ownerClass, name, load(Type.getType(descriptor)));
            case Opcodes.INVOKESTATIC -> lookup.findStatic(ownerClass, name, methodType(descriptor));
            case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKEINTERFACE, Opcodes.INVOKESPECIAL ->
                    lookup.findVirtual(ownerClass, name, methodType(descriptor));
            default -> throw new IllegalArgumentException("opcode " + opcode);
        };
    }

    /** The handle an ASM {@link Handle} constant names. */
    MethodHandle handle(Handle h) throws ReflectiveOperationException {
        Class<?> owner = load(h.getOwner());
        return switch (h.getTag()) {
            case Opcodes.H_GETFIELD -> lookup.findGetter(owner, h.getName(), load(Type.getType(h.getDesc())));
            case Opcodes.H_PUTFIELD -> lookup.findSetter(owner, h.getName(), load(Type.getType(h.getDesc())));
            case Opcodes.H_GETSTATIC -> lookup.findStaticGetter(owner, h.getName(), load(Type.getType(h.getDesc())));
            case Opcodes.H_PUTSTATIC -> lookup.findStaticSetter(owner, h.getName(), load(Type.getType(h.getDesc())));
            case Opcodes.H_INVOKESTATIC -> lookup.findStatic(owner, h.getName(), methodType(h.getDesc()));
            case Opcodes.H_INVOKEVIRTUAL, Opcodes.H_INVOKEINTERFACE ->
                    lookup.findVirtual(owner, h.getName(), methodType(h.getDesc()));
            case Opcodes.H_INVOKESPECIAL -> owner == lookup.lookupClass()
                    ? lookup.findSpecial(owner, h.getName(), methodType(h.getDesc()), owner)
                    : lookup.findVirtual(owner, h.getName(), methodType(h.getDesc()));
            case Opcodes.H_NEWINVOKESPECIAL -> lookup.findConstructor(owner, methodType(h.getDesc()));
            default -> throw new IllegalArgumentException("handle kind " + h.getTag());
        };
    }

    /** The Java value of a bootstrap-method argument or ldc constant. */
    Object constant(Object asm) throws ReflectiveOperationException {
        if (asm instanceof Handle h) {
            return handle(h);
        }
        if (asm instanceof Type t) {
            return t.getSort() == Type.METHOD ? methodType(t.getDescriptor()) : load(t);
        }
        if (asm instanceof ConstantDynamic) {
            throw new IllegalArgumentException("dynamic constant");
        }
        return asm; // String, Integer, Long, Float, Double
    }

    /** One invokedynamic of the body, linked by its own bootstrap method run with the body's class's lookup. */
    static final class Indy {
        private final Linkage linkage;
        private final Handle bootstrap;
        private final Object[] arguments;

        Indy(Linkage linkage, Handle bootstrap, Object[] arguments) {
            this.linkage = linkage;
            this.bootstrap = bootstrap;
            this.arguments = arguments.clone();
        }

        /**
         * Links with a full-privilege lookup on the body's class, as javac's code would have been linked. jcoro's own
         * lookup lacks MODULE access when the body is in another module than jcoro (another class loader's unnamed
         * module, say), and LambdaMetafactory and SwitchBootstraps refuse such a lookup; the generated class's own
         * lookup is in the body's module, and gives a full one.
         */
        CallSite link(MethodHandles.Lookup generated, String name, MethodType type) throws Throwable {
            MethodHandles.Lookup full = MethodHandles.privateLookupIn(linkage.lookup.lookupClass(), generated);
            MethodHandle bsm = linkage.handle(bootstrap);
            List<Object> args = new ArrayList<>(3 + arguments.length);
            args.add(full);
            args.add(name);
            args.add(type);
            for (Object a : arguments) {
                args.add(linkage.constant(a));
            }
            return (CallSite) bsm.invokeWithArguments(args);
        }
    }
}
