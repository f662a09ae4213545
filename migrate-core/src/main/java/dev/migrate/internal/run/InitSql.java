package dev.migrate.internal.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The init SQL of a run ({@code SET ROLE ...}), run first on its connection and reset before it goes back. */
final class InitSql {

    private InitSql() {
    }

    static <T> T around(Connection connection, List<String> statements, Connections.Work<T> work) throws SQLException {
        if (statements.isEmpty()) {
            return work.run(connection);
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        try {
            return work.run(connection);
        } finally {
            // What the init SQL set must not follow the connection back into the application's pool.
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET ALL");
            }
        }
    }
}
