package dev.migrate.internal.liquibase;

import dev.migrate.InvalidMigrationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an XML changelog into {@link ChangelogNode}s with the JDK's SAX parser: element names without their
 * namespace (as Liquibase reads them), attributes, text (CDATA included, trimmed as Liquibase trims it) and the line
 * each element
 * starts on. No document type or external entity is read: a changelog that asks for one is refused, so that reading
 * one never reaches the network or another file.
 */
final class XmlChangelogParser {

    private XmlChangelogParser() {
    }

    /** The root element of {@code text}; a malformed document is refused with its line. */
    static ChangelogNode parse(String file, String text) {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        Builder builder = new Builder();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.newSAXParser().parse(new InputSource(new StringReader(text)), builder);
        } catch (SAXParseException e) {
            throw InvalidMigrationException.changelogLine(file, e.getLineNumber(), "is not well-formed XML ("
                    + e.getMessage() + "), which Liquibase refuses too");
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw InvalidMigrationException.unreadable(file, e);
        }
        return builder.root;
    }

    /** Builds the tree as elements open and close. */
    private static final class Builder extends DefaultHandler {
        private final Deque<Open> open = new ArrayDeque<>();
        private Locator locator;
        private ChangelogNode root;

        private record Open(String name, Map<String, String> attributes, StringBuilder text, List<ChangelogNode> children,
                int line) {
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.getLocalName(i).isEmpty() ? attributes.getQName(i) : attributes.getLocalName(i);
                if (!attributes.getQName(i).startsWith("xmlns") && !"http://www.w3.org/2001/XMLSchema-instance"
                        .equals(attributes.getURI(i))) {
                    values.put(name, attributes.getValue(i));
                }
            }
            open.push(new Open(localName.isEmpty() ? qName : localName, values, new StringBuilder(), new ArrayList<>(),
                    locator == null ? 0 : locator.getLineNumber()));
        }

        @Override
        public void characters(char[] chars, int start, int length) {
            open.peek().text().append(chars, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Open element = open.pop();
            // Liquibase keeps an element's text trimmed
            ChangelogNode node = new ChangelogNode(element.name(), element.attributes(), element.text().toString()
                    .trim(), element.children(), element.line());
            if (open.isEmpty()) {
                root = node;
            } else {
                open.peek().children().add(node);
            }
        }
    }
}
