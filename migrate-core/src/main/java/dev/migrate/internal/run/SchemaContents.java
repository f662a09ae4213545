package dev.migrate.internal.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether the schema migrations build in already holds objects: tables, views, sequences, functions or types of
 * its own. Flyway's baselineOnMigrate asks this of a schema that has no history yet.
 */
final class SchemaContents {

    private SchemaContents() {
    }

    /**
     * @param schema the configured schema, or {@code null} for the session's current one
     * @param history migrate's own tables, which do not count
     */
    static boolean hasObjects(Connection connection, String schema, String... history) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("WITH s AS (SELECT oid FROM pg_catalog.pg_namespace "
                + "WHERE nspname = coalesce(?, current_schema())) SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c, s "
                + "WHERE c.relnamespace = s.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                + "AND c.relname <> ALL (?::text[])) OR EXISTS (SELECT 1 "
                + "FROM pg_catalog.pg_proc p, s WHERE p.pronamespace = s.oid) OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t, s "
                + "WHERE t.typnamespace = s.oid AND t.typtype IN ('e', 'd', 'r'))")) {
            statement.setString(1, schema);
            statement.setArray(2, connection.createArrayOf("text", history));
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }
}
