package dev.migrate.internal.adopt;

import dev.migrate.HistoryTableException;
import dev.migrate.internal.postgres.HistoryShape;
import dev.migrate.internal.postgres.Relations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds Flyway's history table by its columns, whatever its name: Flyway's {@code table} setting names it freely,
 * and Spring services that began on Flyway 3 still have {@code schema_version}. It is looked for where Flyway keeps
 * it, in the schema of migrate's history (the current schema when none is given). Two such tables are refused,
 * unless one has Flyway's default name, which Flyway itself would use.
 */
final class FlywayTables {

    private static final String DEFAULT = "flyway_schema_history";

    private FlywayTables() {
    }

    static Optional<Relations.Relation> find(Connection connection, String schema) throws SQLException {
        List<Relations.Relation> found = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_catalog.format('%I.%I', n.nspname, "
                + "c.relname), c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
                + "c.relnamespace WHERE n.nspname = coalesce(CAST(? AS text), pg_catalog.current_schema()) AND c.relkind "
                + "IN ('r', 'p') AND (SELECT count(*) FILTER (WHERE a.attname = ANY (CAST(? AS text[]))) = " + HistoryShape.FLYWAY_COLUMNS.size() + " AND "
                + "count(*) FILTER (WHERE NOT a.attname = ANY (CAST(? AS text[]))) = 0 FROM pg_catalog.pg_attribute a "
                + "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) ORDER BY c.relname = ? DESC, 2")) {
            statement.setString(1, schema);
            List<String> columns = HistoryShape.FLYWAY_COLUMNS;
            List<String> allowed = new ArrayList<>(columns);
            allowed.add("version_rank"); // Flyway 3's tables, schema_version by default
            statement.setArray(2, connection.createArrayOf("text", columns.toArray()));
            statement.setArray(3, connection.createArrayOf("text", allowed.toArray()));
            statement.setString(4, DEFAULT);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    found.add(new Relations.Relation(row.getString(1), row.getString(2), found.size()));
                }
            }
        }
        if (found.size() > 1 && !found.get(0).name().equals(DEFAULT)) {
            throw HistoryTableException.ambiguous(found.stream().map(Relations.Relation::name).toList(), "Flyway");
        }
        return found.stream().findFirst();
    }
}
