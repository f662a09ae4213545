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
     * The first of {@code names} (each as SQL text, possibly quoted and schema-qualified) that exists, as the
     * server names it; {@code to_regclass} answers null where a plain reference would fail.
     */
    public static Optional<String> first(Connection connection, String... names) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?)::text")) {
            for (String name : names) {
                statement.setString(1, name);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next() && row.getString(1) != null) {
                        return Optional.of(row.getString(1));
                    }
                }
            }
        }
        return Optional.empty();
    }
}
