package dev.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Finds tables by name as PostgreSQL resolves them, without provoking a server-side error when one is missing. */
public final class Relations {

    private Relations() {
    }

    /**
     * A table found: {@code sql} is quoted and schema-qualified, so it means the same table whatever
     * {@code search_path} is later set to; {@code name} is how users know it (qualified only when the
     * {@code search_path} would not find it otherwise), for messages.
     */
    public record Relation(String sql, String name) {
    }

    /**
     * The first of {@code names} (each as SQL text, possibly quoted and schema-qualified) that exists.
     * {@code to_regclass} answers null where a plain reference would fail.
     */
    public static Optional<Relation> first(Connection connection, String... names) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.format('%I.%I', n.nspname, "
                + "c.relname), c.oid::pg_catalog.regclass::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.oid = pg_catalog.to_regclass(?)")) {
            for (String name : names) {
                statement.setString(1, name);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        return Optional.of(new Relation(row.getString(1), row.getString(2)));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
