/**
 * jcoro: Python's generator and coroutine protocol for Java.
 *
 * <p>Only {@code io.jcoro} is exported. The fast backend needs
 * {@code --add-exports java.base/jdk.internal.vm=io.jcoro} (or {@code =ALL-UNNAMED} on the class path);
 * without it jcoro runs every generator on a virtual thread and says so once through {@link System.Logger}.
 */
module io.jcoro {
    exports io.jcoro;
}
