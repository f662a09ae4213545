package dev.migrate.internal.postgres;

/** Quotes names for SQL text, so that a table or schema name is used exactly as given. */
final class Identifiers {

    private Identifiers() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
