package dev.migrate.internal.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The init SQL of a run ({@code SET ROLE ...}), run first on its connection and reset before it goes back. */
public final class InitSql {

    private InitSql() {
    }

    /**
     * {@code initSql} after a statement that puts {@code schema} first on the search_path, the rest of it kept after
     * it (extensions in {@code public} still resolve); {@code initSql} alone for no schema. The RESET ALL after the
     * run takes it off again.
     */
    public static List<String> withSchemaFirst(String schema, List<String> initSql) {
        if (schema == null) {
            return initSql;
        }
        String quoted = "pg_catalog.quote_ident('" + schema.replace("'", "''") + "')";
        List<String> statements = new java.util.ArrayList<>();
        // coalesce and nullif are SQL's own syntax, not functions in pg_catalog
        statements.add("SELECT pg_catalog.set_config('search_path', " + quoted + " || coalesce(', ' || "
                + "nullif(pg_catalog.current_setting('search_path'), ''), ''), false)");
        statements.addAll(initSql);
        return List.copyOf(statements);
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
