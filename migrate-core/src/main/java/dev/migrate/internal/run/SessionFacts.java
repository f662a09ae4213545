package dev.migrate.internal.run;

import dev.migrate.internal.source.Placeholders;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The session's user, database and default schema, for the placeholders that name them. */
final class SessionFacts {

    private SessionFacts() {
    }

    /** @param schema the configured schema, which is the default schema when set (as Flyway's first schema is) */
    static Placeholders.Session of(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_user, current_database(), current_schema()")) {
            row.next();
            return new Placeholders.Session(row.getString(1), row.getString(2), schema != null ? schema : row.getString(3));
        }
    }
}
