package dev.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds tables by name as PostgreSQL resolves them, without provoking a server-side error when one is missing. */
public final class Relations {

    private Relations() {
    }

    /**
     * A table found: {@code sql} is quoted and schema-qualified, so it means the same table whatever
     * {@code search_path} is later set to; {@code name} is how users know it (qualified only when the
     * {@code search_path} would not find it otherwise), for messages; {@code index} says which of the names asked
     * for it is.
     */
    public record Relation(String sql, String name, int index) {
    }

    /**
     * The first of {@code names} (each as SQL text, possibly quoted and schema-qualified) that exists, asked in one
     * statement however many names there are. {@code to_regclass} answers null where a plain reference would fail.
     */
    public static Optional<Relation> first(Connection connection, String... names) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.format('%I.%I', n.nspname, "
                + "c.relname), c.oid::pg_catalog.regclass::text, t.ord FROM unnest(?::text[]) WITH ORDINALITY AS t(name, ord) "
                + "JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(t.name) "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ORDER BY t.ord LIMIT 1")) {
            statement.setArray(1, connection.createArrayOf("text", names));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new Relation(row.getString(1), row.getString(2), row.getInt(3) - 1))
                        : Optional.empty();
            }
        }
    }

    /** Which of {@code names} (each as SQL text, as for {@link #first}) exist, asked in one statement. */
    public static Set<String> present(Connection connection, List<String> names) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT t.name FROM unnest(?::text[]) AS "
                + "t(name) WHERE pg_catalog.to_regclass(t.name) IS NOT NULL")) {
            statement.setArray(1, connection.createArrayOf("text", names.toArray()));
            Set<String> present = new HashSet<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    present.add(row.getString(1));
                }
            }
            return present;
        }
    }
}
