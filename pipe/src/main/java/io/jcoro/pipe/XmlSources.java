package io.jcoro.pipe;

import io.jcoro.StopIteration;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** The XML parsers behind {@link Sources#saxEvents} and {@link Sources#staxEvents}. */
final class XmlSources {
    private XmlSources() {
    }

    /** The JDK's StAX parser, coalescing text, with no DTD and no external entities. */
    static XMLInputFactory defaultStaxFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }

    /** Pulls events from a StAX cursor and pushes them; see {@link Sources#staxEvents(InputStream, XMLInputFactory, Sink)}. */
    static long stax(InputStream in, XMLInputFactory factory, Sink<? super XmlEvent> target)
            throws IOException, XMLStreamException {
        long n = 0;
        Throwable failure = null;
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(in);
            while (r.hasNext()) {
                XmlEvent e = switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> new XmlEvent.Start(name(r.getPrefix(), r.getLocalName()),
                            attributes(r));
                    case XMLStreamConstants.END_ELEMENT -> new XmlEvent.End(name(r.getPrefix(), r.getLocalName()));
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            new XmlEvent.Text(r.getText());
                    default -> null;
                };
                if (e == null) {
                    continue;
                }
                try {
                    target.send(e);
                } catch (StopIteration finished) {
                    break;
                }
                n++;
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException e) {
                failure = failure == null ? e : failure;
            }
        }
        failure = Sneaky.closeQuietly(target, failure);
        failure = Sneaky.closeQuietly(in, failure);
        if (failure != null) {
            throw Sneaky.raise(failure);
        }
        return n;
    }

    private static String name(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static Map<String, String> attributes(XMLStreamReader r) {
        int count = r.getAttributeCount();
        if (count == 0) {
            return Map.of();
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            m.put(name(r.getAttributePrefix(i), r.getAttributeLocalName(i)), r.getAttributeValue(i));
        }
        return Collections.unmodifiableMap(m);
    }

    /** Parses with the JDK's SAX parser and pushes; see {@link Sources#saxEvents}. */
    static long sax(InputStream in, Sink<? super XmlEvent> target) throws IOException, SAXException {
        Handler h = new Handler(target);
        Throwable failure = null;
        try {
            newSaxParser().parse(in, h);
        } catch (Finished finished) {
            // the target takes no more: parsing stops here
        } catch (Throwable t) {
            failure = t;
        }
        failure = Sneaky.closeQuietly(target, failure);
        failure = Sneaky.closeQuietly(in, failure);
        if (failure != null) {
            throw Sneaky.raise(failure);
        }
        return h.count;
    }

    private static SAXParser newSaxParser() throws SAXException {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance();
            f.setNamespaceAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newSAXParser();
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
    }

    /** Beazley's cosax.py EventHandler: turns callbacks into events and does nothing else. */
    private static final class Handler extends DefaultHandler {
        private final Sink<? super XmlEvent> target;
        long count;

        Handler(Sink<? super XmlEvent> target) {
            this.target = target;
        }

        private void push(XmlEvent e) throws Finished {
            try {
                target.send(e);
            } catch (StopIteration end) {
                throw new Finished();
            }
            count++;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attrs) throws SAXException {
            Map<String, String> m;
            int count = attrs.getLength();
            if (count == 0) {
                m = Map.of();
            } else {
                m = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    m.put(attrs.getQName(i), attrs.getValue(i));
                }
                m = Collections.unmodifiableMap(m);
            }
            push(new XmlEvent.Start(qName, m));
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            push(new XmlEvent.Text(new String(ch, start, length)));
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            characters(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            push(new XmlEvent.End(qName));
        }
    }

    /** Stops the SAX parser when the target takes no more. */
    private static final class Finished extends SAXException {
        private static final long serialVersionUID = 1L;

        Finished() {
            super("the target takes no more events");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
