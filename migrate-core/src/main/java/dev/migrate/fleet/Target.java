package dev.migrate.fleet;

import java.util.Objects;

/**
 * One target of a fleet: a schema of the control database, whose migrations run with it first on the
 * {@code search_path} and whose history table lives in it; or a database, named on the control database's server
 * or given by its own URL.
 *
 * @param name the schema's or the database's name, or the URL a query gave, as messages show it
 */
public record Target(Kind kind, String name) {

    /** What a target is. */
    public enum Kind {
        SCHEMA,
        DATABASE
    }

    public Target {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a fleet target needs a name");
        }
    }

    public static Target schema(String name) {
        return new Target(Kind.SCHEMA, name);
    }

    public static Target database(String nameOrUrl) {
        return new Target(Kind.DATABASE, nameOrUrl);
    }

    /** Whether a database target was given as a URL (by a query) rather than as a name on the control server. */
    public boolean isUrl() {
        return kind == Kind.DATABASE && (name.startsWith("postgres://") || name.startsWith("postgresql://")
                || name.startsWith("jdbc:"));
    }

    @Override
    public String toString() {
        return (kind == Kind.SCHEMA ? "schema " : "database ") + name;
    }
}
