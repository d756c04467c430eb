/**
 * jcoro-pipe: push pipelines and event handling on jcoro coroutines. See the {@link io.jcoro.pipe} package.
 *
 * <p>Only {@code io.jcoro.pipe} is exported. jcoro and {@code java.xml} are read transitively because their
 * types ({@link io.jcoro.Generator}, {@link javax.xml.stream.XMLInputFactory}) appear in this module's API.
 */
module io.jcoro.pipe {
    requires transitive io.jcoro;
    requires transitive java.xml;

    exports io.jcoro.pipe;
}
