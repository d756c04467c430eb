package io.jcoro.examples.pipe;

import static org.junit.jupiter.api.Assertions.*;

import io.jcoro.pipe.Pipes;
import io.jcoro.pipe.Sources;
import io.jcoro.pipe.XmlEvent;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bus example's answer, checked against an independent reading of the same feed with DOM and XPath. The
 * pinned answer uses Beazley's size (863 buses); the comparisons between sources use a feed of 300, which is enough
 * to hold route-22 northbound buses and keeps the suite quick on the virtual-thread backend.
 */
class BusExampleTest {

    static final int BUSES = 863;
    static byte[] beazleySized;
    static List<String> beazleyAnswer;
    static byte[] feed;
    static List<String> expected;

    @BeforeAll
    static void feedsAndOracle() throws Exception {
        beazleySized = BusFeed.bytes(BUSES, BusFeed.SEED);
        beazleyAnswer = oracle(beazleySized);
        feed = BusFeed.bytes(300, BusFeed.SEED);
        expected = oracle(feed);
        assertTrue(expected.size() >= 3, "the small feed must have some answers: " + expected);
    }

    /** The answer by DOM and XPath: nothing shared with the pipeline but the feed. */
    static List<String> oracle(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        NodeList buses = (NodeList) XPathFactory.newDefaultInstance().newXPath()
                .evaluate("/buses/bus[route='22' and direction='North Bound']", doc, XPathConstants.NODESET);
        List<String> answer = new ArrayList<>();
        for (int i = 0; i < buses.getLength(); i++) {
            Element b = (Element) buses.item(i);
            answer.add(text(b, "route") + "," + text(b, "id") + ",\"" + text(b, "direction") + "\","
                    + text(b, "latitude") + "," + text(b, "longitude"));
        }
        return answer;
    }

    private static String text(Element bus, String field) {
        return bus.getElementsByTagName(field).item(0).getTextContent();
    }

    @Test
    void theFeedIsDeterministicAndLooksLikeBeazleys() {
        assertArrayEquals(beazleySized, BusFeed.bytes(BUSES, BusFeed.SEED));
        String text = new String(beazleySized, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(text.startsWith("<?xml version=\"1.0\"?>\n<buses>\n<bus>\n\t<id>"));
        assertTrue(text.contains("<finalStop><![CDATA[Paulina & Howard Terminal]]></finalStop>"));
        assertEquals(BUSES, text.split("<bus>", -1).length - 1);
    }

    @Test
    void route22NorthWithSaxGivesTheCheckedAnswer() throws Exception {
        List<String> got = new ArrayList<>();
        Sources.saxEvents(new ByteArrayInputStream(beazleySized), Buses.route22North(got::add));
        assertEquals(beazleyAnswer, got);
        // Pinned, so that a change to the generator or the stages shows: 10 buses, these first and last.
        assertEquals(10, got.size());
        assertEquals("22,6370,\"North Bound\",41.82632988971996,-87.93881775993692", got.get(0));
        assertEquals("22,6090,\"North Bound\",41.93910295084829,-87.7045595281173", got.get(9));
    }

    @Test
    void swappingOnlyTheSourceGivesTheSameAnswer() throws Exception {
        List<String> jdkStax = new ArrayList<>();
        Sources.staxEvents(new ByteArrayInputStream(feed), Buses.route22North(jdkStax::add));
        List<String> aalto = new ArrayList<>();
        Sources.staxEvents(new ByteArrayInputStream(feed), Buses.aalto(), Buses.route22North(aalto::add));
        assertEquals(expected, jdkStax);
        assertEquals(expected, aalto);
    }

    @Test
    void functionalFiltersThreadedFiltersAndThePlainLoopAgree() throws Exception {
        List<String> functional = new ArrayList<>();
        Sources.staxEvents(new ByteArrayInputStream(feed), Buses.aalto(), Buses.route22NorthFunctional(functional::add));
        assertEquals(expected, functional);

        List<String> objects = new ArrayList<>();
        Sources.staxEvents(new ByteArrayInputStream(feed), Buses.route22NorthAsObjects(objects::add));
        assertEquals(expected, objects);

        List<String> threaded = Collections.synchronizedList(new ArrayList<>());
        Sources.saxEvents(new ByteArrayInputStream(feed), Buses.route22NorthThreaded(threaded::add));
        assertEquals(expected, threaded); // saxEvents closed the pipeline, and threaded's close drains

        List<String> plain = new ArrayList<>();
        assertEquals(expected.size(),
                Buses.route22NorthPlainStax(new ByteArrayInputStream(feed), Buses.jdkStax(), plain::add));
        assertEquals(expected, plain);
    }

    @Test
    void busesToDictsBuildsOneMapPerBusWithEveryField() throws Exception {
        List<Map<String, String>> buses = new ArrayList<>();
        long events = Sources.staxEvents(new ByteArrayInputStream(feed), Buses.busesToDicts().into(buses::add));
        assertEquals(300, buses.size());
        assertTrue(events > 300 * 12L * 2);
        Map<String, String> first = buses.get(0);
        assertEquals(List.of("color", "direction", "finalStop", "id", "latitude", "longitude", "operator", "pattern",
                "patternDirection", "revenue", "route", "run"), first.keySet().stream().sorted().toList());
        assertEquals(first.get("direction"), first.get("patternDirection"));
    }

    @Test
    void saxSplitsTextWhereItLikesAndTheStageJoinsIt() throws Exception {
        // A text run broken by an entity: SAX reports it in pieces, StAX (coalescing) in one.
        byte[] xml = "<buses><bus><id>1</id><route>2&amp;2</route></bus></buses>".getBytes();
        List<XmlEvent> events = new ArrayList<>();
        Sources.saxEvents(new ByteArrayInputStream(xml), Pipes.<XmlEvent>to(events::add));
        long routeTexts = events.stream().filter(e -> e instanceof XmlEvent.Text).count();
        assertTrue(routeTexts >= 3, events::toString);
        List<Map<String, String>> buses = new ArrayList<>();
        Sources.saxEvents(new ByteArrayInputStream(xml), Buses.busesToDicts().into(buses::add));
        assertEquals(List.of(Map.of("id", "1", "route", "2&2")), buses);
    }
}
