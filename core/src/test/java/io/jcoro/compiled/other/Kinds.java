package io.jcoro.compiled.other;

/** Two public classes whose common superclass is not visible outside this package. */
public final class Kinds {
    private Kinds() {
    }

    abstract static class Base {
        @Override
        public String toString() {
            return getClass().getSimpleName();
        }
    }

    /** One public kind. */
    public static final class A extends Base {
    }

    /** The other. */
    public static final class B extends Base {
    }
}
