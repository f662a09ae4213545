package dev.migrate.internal.liquibase;

import dev.migrate.InvalidMigrationException;
import dev.migrate.spi.ChangelogDocumentReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A YAML or JSON changelog as the elements its XML form would have, by Liquibase's rules for those formats: the
 * root's {@code databaseChangeLog} list holds one-key maps ({@code - changeSet: ...}); a key with a plain value is an
 * attribute, one with a map an element, one with a list an element whose items' keys are its own; {@code changes}
 * and {@code columns} lists give their items to the element above, as XML nests them; a change's SQL, query, text or
 * message key, and {@code where}, {@code comment} and {@code validCheckSum}, are element text, as is a
 * {@code rollback} given as SQL. The document itself is
 * read by a {@link ChangelogDocumentReader} another module plugs in (migrate-liquibase-yaml).
 */
final class DocumentChangelog {

    /** The keys whose items belong to the element above them. */
    private static final Set<String> FLATTENED = Set.of("changes", "columns");
    /** The keys that are an element of their own with text, as in XML. */
    private static final Set<String> TEXT_ELEMENTS = Set.of("where", "comment", "validCheckSum");

    private DocumentChangelog() {
    }

    /** The root element of {@code file}, read with the reader found on {@code classLoader}. */
    static ChangelogNode parse(ChangelogFile file) {
        ChangelogDocumentReader reader = ServiceLoader.load(ChangelogDocumentReader.class, file.classLoader())
                .findFirst().orElseThrow(() -> InvalidMigrationException.changelog(file.displayName(), "is in "
                        + file.format().toUpperCase(java.util.Locale.ROOT) + ", which needs migrate-liquibase-yaml on "
                        + "the classpath (the command line and the Spring Boot starter bring it); add it as a "
                        + "dependency. Nothing was run."));
        Object document;
        try {
            document = reader.read(file.text());
        } catch (IllegalArgumentException e) {
            throw InvalidMigrationException.changelog(file.displayName(), "is not valid " + file.format()
                    .toUpperCase(java.util.Locale.ROOT) + " (" + e.getMessage() + "), which Liquibase refuses too. "
                    + "Nothing was run.");
        }
        if (!(document instanceof Map<?, ?> map) || !(map.get("databaseChangeLog") instanceof List<?> entries)) {
            throw InvalidMigrationException.changelog(file.displayName(), "has no 'databaseChangeLog' list of "
                    + "entries, which Liquibase needs (each changeset begins '- changeSet:'). Nothing was run.");
        }
        return element("databaseChangeLog", entries);
    }

    /** The element {@code name} whose content is {@code value}. */
    private static ChangelogNode element(String name, Object value) {
        Map<String, String> attributes = new LinkedHashMap<>();
        List<ChangelogNode> children = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        content(name, value, attributes, children, text);
        return new ChangelogNode(name, attributes, text.toString().trim(), children, 0);
    }

    private static void content(String name, Object value, Map<String, String> attributes,
            List<ChangelogNode> children, StringBuilder text) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) -> entry(name, String.valueOf(key), entry, attributes, children, text));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?>) {
                    content(name, item, attributes, children, text);
                } else if (item != null) {
                    text.append(scalar(item));
                }
            }
        } else if (value != null) {
            text.append(scalar(value));
        }
    }

    private static void entry(String parent, String key, Object value, Map<String, String> attributes,
            List<ChangelogNode> children, StringBuilder text) {
        if (value == null) {
            return;
        }
        if (key.equals(ChangeChecksum.TEXT_FIELD.get(parent)) && !(value instanceof Map || value instanceof List)) {
            text.append(scalar(value));
        } else if (FLATTENED.contains(key) && value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> one) {
                    one.forEach((child, content) -> children.add(element(String.valueOf(child), content)));
                }
            }
        } else if (TEXT_ELEMENTS.contains(key) && value instanceof List<?> items) {
            items.forEach(item -> children.add(element(key, item)));
        } else if (TEXT_ELEMENTS.contains(key) || key.equals("rollback") || value instanceof Map
                || value instanceof List) {
            children.add(element(key, value));
        } else {
            attributes.put(key, scalar(value));
        }
    }

    /** A plain value as Liquibase holds it: as the parser gave it ({@code 0.00} is read as {@code 0.0}). */
    private static String scalar(Object value) {
        return String.valueOf(value);
    }
}
