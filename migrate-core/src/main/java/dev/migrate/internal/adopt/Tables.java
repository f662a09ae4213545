package dev.migrate.internal.adopt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Finds other tools' tables without provoking server-side errors. */
final class Tables {

    private Tables() {
    }

    /** The first of the given (possibly schema-qualified) names that exists, as PostgreSQL resolves it. */
    static Optional<String> first(Connection connection, String... names) throws SQLException {
        for (String name : names) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?)::text")) {
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
