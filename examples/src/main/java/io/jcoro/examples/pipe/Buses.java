package io.jcoro.examples.pipe;

import io.jcoro.pipe.Pipes;
import io.jcoro.pipe.Sink;
import io.jcoro.pipe.Sources;
import io.jcoro.pipe.Stage;
import io.jcoro.pipe.XmlEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Beazley's bus example (buses.py), stage for stage: XML events become one dictionary per bus, two filters keep
 * route 22 heading north, and each survivor is printed as {@code route,id,"direction",latitude,longitude}. "Find
 * the North Bound #22 bus, the slowest moving object in the universe."
 *
 * <p>The stages take {@link XmlEvent}s and do not care which parser made them: {@link #route22North} is fed by
 * SAX, by the JDK's StAX, or by a faster StAX parser, with no stage changed (Beazley's "swap only the source").
 */
public final class Buses {
    private Buses() {
    }

    /**
     * Beazley's {@code buses_to_dicts}: a two-state machine written as nested loops, the state kept in where the
     * body is. State A looks for {@code <bus>}; state B collects each child's text until {@code </bus>}, then sends
     * the bus on and goes back to A. Text fragments are reset at every start tag and joined at the end tag.
     */
    public static Stage<XmlEvent, Map<String, String>> busesToDicts() {
        return Pipes.coroutine((in, out) -> {
            while (true) {
                if (!(in.receive() instanceof XmlEvent.Start start) || !start.name().equals("bus")) {
                    continue; // state A
                }
                Map<String, String> bus = new HashMap<>();
                StringBuilder fragments = new StringBuilder();
                collecting:
                while (true) { // state B
                    switch (in.receive()) {
                        case XmlEvent.Start s -> fragments.setLength(0);
                        case XmlEvent.Text t -> fragments.append(t.text());
                        case XmlEvent.End e when !e.name().equals("bus") -> bus.put(e.name(), fragments.toString());
                        case XmlEvent.End e -> {
                            out.send(bus);
                            break collecting;
                        }
                    }
                }
            }
        });
    }

    /**
     * {@link #busesToDicts} written as an object, Beazley's {@code GrepHandler} way: the state machine's state in
     * fields and a flag instead of in where the code is. No continuation switch per event; compare the two in
     * {@link BusThroughput} for what a coroutine stage's switch costs per event.
     */
    public static Stage<XmlEvent, Map<String, String>> busesToDictsAsObject() {
        return next -> new Sink<>() {
            private boolean inBus;
            private Map<String, String> bus;
            private final StringBuilder fragments = new StringBuilder();

            @Override
            public void send(XmlEvent event) {
                if (!inBus) {
                    if (event instanceof XmlEvent.Start s && s.name().equals("bus")) {
                        inBus = true;
                        bus = new HashMap<>();
                        fragments.setLength(0);
                    }
                    return;
                }
                switch (event) {
                    case XmlEvent.Start s -> fragments.setLength(0);
                    case XmlEvent.Text t -> fragments.append(t.text());
                    case XmlEvent.End e when !e.name().equals("bus") -> bus.put(e.name(), fragments.toString());
                    case XmlEvent.End e -> {
                        inBus = false;
                        next.send(bus);
                    }
                }
            }

            @Override
            public void close() {
                next.close();
            }
        };
    }

    /** Beazley's {@code filter_on_field}, as he wrote it: a coroutine stage. */
    public static Stage<Map<String, String>, Map<String, String>> filterOnField(String field, String value) {
        return Pipes.coroutine((in, out) -> {
            while (true) {
                Map<String, String> d = in.receive();
                if (value.equals(d.get(field))) {
                    out.send(d);
                }
            }
        });
    }

    /** The same filter as a functional stage: it keeps no control state, so it need not be a coroutine. */
    public static Stage<Map<String, String>, Map<String, String>> fieldEquals(String field, String value) {
        return Pipes.filter(d -> value.equals(d.get(field)));
    }

    /** Beazley's {@code bus_locations} format: {@code 22,1485,"North Bound",41.88...,-87.62...}. */
    public static String location(Map<String, String> bus) {
        return bus.get("route") + "," + bus.get("id") + ",\"" + bus.get("direction") + "\"," + bus.get("latitude")
                + "," + bus.get("longitude");
    }

    /** Beazley's pipeline: {@code buses_to_dicts | filter_on_field(route, 22) | filter_on_field(direction, North Bound) | bus_locations}. */
    public static Sink<XmlEvent> route22North(Consumer<? super String> out) {
        return busesToDicts()
                .then(filterOnField("route", "22"))
                .then(filterOnField("direction", "North Bound"))
                .map(Buses::location)
                .into(out);
    }

    /** The same, with the two filters as functional stages. */
    public static Sink<XmlEvent> route22NorthFunctional(Consumer<? super String> out) {
        return busesToDicts()
                .then(fieldEquals("route", "22"))
                .then(fieldEquals("direction", "North Bound"))
                .map(Buses::location)
                .into(out);
    }

    /** The same question with no coroutine at all: {@link #busesToDictsAsObject} and functional filters. */
    public static Sink<XmlEvent> route22NorthAsObjects(Consumer<? super String> out) {
        return busesToDictsAsObject()
                .then(fieldEquals("route", "22"))
                .then(fieldEquals("direction", "North Bound"))
                .map(Buses::location)
                .into(out);
    }

    /**
     * Beazley's cothread.py: {@code buses_to_dicts(threaded(filter_on_field(...)))}, so parsing and building
     * dictionaries happen on the caller's thread and filtering and printing on another.
     */
    public static Sink<XmlEvent> route22NorthThreaded(Consumer<? super String> out) {
        return busesToDicts()
                .threaded(1024)
                .then(filterOnField("route", "22"))
                .then(filterOnField("direction", "North Bound"))
                .map(Buses::location)
                .into(out);
    }

    /** A faster StAX parser than the JDK's (Aalto), set up as the JDK one is: text coalesced, no DTD. */
    public static XMLInputFactory aalto() {
        XMLInputFactory f = new com.fasterxml.aalto.stax.InputFactoryImpl();
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /** The JDK's StAX parser, set up as {@link Sources#staxEvents(InputStream, Sink)} sets it up. */
    public static XMLInputFactory jdkStax() {
        return Sources.defaultStaxFactory();
    }

    /**
     * The floor: the same question answered by one hand-written StAX cursor loop, no events, no stages, no maps
     * (what Beazley's iterbus.py is to his coroutine version). Returns the number of buses found and hands each
     * line to {@code out}.
     */
    public static long route22NorthPlainStax(InputStream in, XMLInputFactory factory, Consumer<? super String> out)
            throws IOException, XMLStreamException {
        long found = 0;
        XMLStreamReader r = factory.createXMLStreamReader(in);
        try {
            String field = null;
            String id = null, route = null, direction = null, latitude = null, longitude = null;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = r.getLocalName();
                        if (name.equals("bus")) {
                            id = route = direction = latitude = longitude = null;
                        }
                        field = name;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (field != null) {
                            switch (field) {
                                case "id" -> id = r.getText();
                                case "route" -> route = r.getText();
                                case "direction" -> direction = r.getText();
                                case "latitude" -> latitude = r.getText();
                                case "longitude" -> longitude = r.getText();
                                default -> { }
                            }
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        field = null;
                        if (r.getLocalName().equals("bus") && "22".equals(route) && "North Bound".equals(direction)) {
                            found++;
                            out.accept(route + "," + id + ",\"" + direction + "\"," + latitude + "," + longitude);
                        }
                    }
                    default -> { }
                }
            }
        } finally {
            r.close();
            in.close();
        }
        return found;
    }
}
