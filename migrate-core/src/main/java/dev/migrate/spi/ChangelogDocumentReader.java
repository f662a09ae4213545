package dev.migrate.spi;

/**
 * Reads a YAML or JSON Liquibase changelog into plain values: maps (in the order written), lists, strings, numbers,
 * booleans and nulls, timestamps kept as the text written. migrate-core parses XML and formatted SQL changelogs
 * itself and runs on the JDK alone; this is how a module with a YAML parser (migrate-liquibase-yaml, which the
 * command line and the Spring Boot starter bring) plugs one in, found with {@link java.util.ServiceLoader}.
 */
public interface ChangelogDocumentReader {

    /**
     * The document's root value.
     *
     * @throws IllegalArgumentException with the parser's message (line and column) when the text is not a document
     */
    Object read(String text);
}
