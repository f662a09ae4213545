package dev.migrate.internal.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The preconditions that look at columns and constraints in the catalog, names matched as written or in lower
 * case (how PostgreSQL keeps a name written without quotes), as Liquibase's snapshot finds them.
 */
final class CatalogChecks {

    private CatalogChecks() {
    }

    static Optional<String> column(Connection connection, String schema, String table, String column)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_attribute a "
                + "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = "
                + "c.relnamespace WHERE NOT a.attisdropped AND a.attnum > 0 AND (n.nspname = ? OR n.nspname = lower(?)) "
                + "AND (c.relname = ? OR c.relname = lower(?)) AND (a.attname = ? OR a.attname = lower(?))")) {
            bind(statement, schema, table, column);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.empty()
                        : Optional.of("the column " + schema + "." + table + "." + column + " does not exist");
            }
        }
    }

    /** A constraint of {@code kind} ({@code p}, {@code f}) by name, on {@code table} when one is named. */
    static Optional<String> constraint(Connection connection, String schema, String table, String name, String kind,
            String what) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_constraint k "
                + "JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = "
                + "c.relnamespace WHERE k.contype = '" + kind + "' AND (n.nspname = ? OR n.nspname = lower(?)) "
                + "AND (? IS NULL OR c.relname = ? OR c.relname = lower(?)) AND (? IS NULL OR k.conname = ? OR "
                + "k.conname = lower(?))")) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            statement.setString(3, table);
            statement.setString(4, table);
            statement.setString(5, table);
            statement.setString(6, name);
            statement.setString(7, name);
            statement.setString(8, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.empty() : Optional.of("the " + what + " " + (name == null ? "" : name + " ")
                        + "on " + schema + "." + table + " does not exist");
            }
        }
    }

    private static void bind(PreparedStatement statement, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setString(2 * i + 1, values[i]);
            statement.setString(2 * i + 2, values[i]);
        }
    }
}
