package io.jcoro.pipe;

import java.util.Map;

/**
 * One event of an XML document, as the parsers in {@link Sources} push them: Beazley's {@code ('start', (name,
 * attrs))}, {@code ('text', text)} and {@code ('end', name)} tuples, as records to switch on:
 *
 * <pre>{@code
 * switch (event) {
 *     case XmlEvent.Start s -> ...  s.name(), s.attributes()
 *     case XmlEvent.Text t  -> ...  t.text()
 *     case XmlEvent.End e   -> ...  e.name()
 * }
 * }</pre>
 *
 * <p>Names are as written in the document ({@code prefix:local} when prefixed); no namespace processing. The text
 * of one element may come as several {@link Text} events (SAX splits it where it likes), and the whitespace
 * between elements comes as text too: a consumer joins fragments and drops what it does not need.
 */
public sealed interface XmlEvent {

    /** An element starts. {@code attributes} is unmodifiable, in document order; empty for none. */
    record Start(String name, Map<String, String> attributes) implements XmlEvent {
    }

    /** Character data (CDATA sections included), possibly one fragment of it. */
    record Text(String text) implements XmlEvent {
    }

    /** An element ends. */
    record End(String name) implements XmlEvent {
    }
}
