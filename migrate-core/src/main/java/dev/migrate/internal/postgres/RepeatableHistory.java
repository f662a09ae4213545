package dev.migrate.internal.postgres;

import dev.migrate.AppliedRepeatable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the last application of each repeatable migration is kept: {@code <history table>_repeatables} beside the
 * history table, one row per description, made on the first run that applies one. Kept apart so that the
 * history table's {@code version} stays what users' own queries expect; read only when a source has repeatable
 * migrations, so that other runs cost nothing more.
 */
public final class RepeatableHistory {

    private final String schema;
    private final String table;
    private String located;

    /** @param schema the schema, or {@code null} for the connection's current schema (pinned when first read) */
    public RepeatableHistory(String schema, String historyTable) {
        this.schema = schema;
        this.table = historyTable + "_repeatables";
    }

    /** For messages: {@code schema_migrations_repeatables}. */
    public String name() {
        return schema == null ? table : schema + "." + table;
    }

    /** Each description's last application; none when the table does not exist yet. */
    public Map<String, AppliedRepeatable> read(Connection connection) throws SQLException {
        Map<String, AppliedRepeatable> rows = new LinkedHashMap<>();
        Optional<Relations.Relation> found = Relations.first(connection, qualified(connection));
        if (found.isEmpty()) {
            return rows;
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT description, checksum, applied_at, execution_ms, applied_by, "
                     + "adopted_from FROM " + found.get().sql())) {
            while (row.next()) {
                OffsetDateTime at = row.getObject(3, OffsetDateTime.class);
                rows.put(row.getString(1), new AppliedRepeatable(row.getString(1), row.getString(2),
                        at == null ? null : at.toInstant(), row.getLong(4), row.getString(5), row.getString(6)));
            }
        }
        return rows;
    }

    /** Records an application, creating the table first if needed; in the caller's transaction, under the lock. */
    public void save(Connection connection, AppliedRepeatable row) throws SQLException {
        String target = qualified(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + target + " (description text PRIMARY KEY, checksum text "
                    + "NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), execution_ms bigint NOT NULL DEFAULT 0, "
                    + "applied_by text NOT NULL DEFAULT current_user, adopted_from text)");
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + target + " (description, "
                + "checksum, applied_at, execution_ms, applied_by, adopted_from) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT "
                + "(description) DO UPDATE SET checksum = excluded.checksum, applied_at = excluded.applied_at, "
                + "execution_ms = excluded.execution_ms, applied_by = excluded.applied_by, "
                + "adopted_from = excluded.adopted_from")) {
            statement.setString(1, row.description());
            statement.setString(2, row.checksum());
            statement.setObject(3, OffsetDateTime.ofInstant(row.appliedAt() == null ? java.time.Instant.now()
                    : row.appliedAt(), ZoneOffset.UTC));
            statement.setLong(4, row.executionMs());
            statement.setString(5, row.appliedBy());
            statement.setString(6, row.adoptedFrom());
            statement.executeUpdate();
        }
    }

    /** Quoted and schema-qualified; without a schema, the connection's current one as it was when first asked. */
    private String qualified(Connection connection) throws SQLException {
        if (located == null) {
            String in = schema;
            if (in == null) {
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT current_schema()")) {
                    in = row.next() ? row.getString(1) : null;
                }
            }
            located = (in == null ? "" : Identifiers.quote(in) + ".") + Identifiers.quote(table);
        }
        return located;
    }
}
