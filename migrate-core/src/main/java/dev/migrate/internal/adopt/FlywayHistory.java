package dev.migrate.internal.adopt;

import dev.migrate.internal.postgres.Relations;
import dev.migrate.AppliedMigration;
import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flyway's {@code flyway_schema_history}: rows in {@code installed_rank} order. A version's latest row decides:
 * applied, undone ({@code UNDO_SQL}), or failed (dirty). A {@code BASELINE} row counts every file up to it as
 * applied. Repeatable migrations have no version and are skipped.
 */
final class FlywayHistory implements ForeignHistory {

    @Override
    public String tool() {
        return "flyway";
    }

    private record Entry(String description, String type, boolean success, Timestamp at, long ms, String by) {
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        Optional<Relations.Relation> table = Relations.first(connection, "flyway_schema_history");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<Version, Entry> latest = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version, description, type, success, installed_on, "
                     + "execution_time, installed_by FROM " + table.get().sql() + " WHERE version IS NOT NULL "
                     + "ORDER BY installed_rank")) {
            while (row.next()) {
                String text = row.getString(1);
                if (!text.matches("\\d+")) {
                    throw InvalidMigrationException.badFile(table.get().name() + " version " + text, "is a dotted Flyway "
                            + "version; migrate's versions are integers. Renumber the migrations (and their rows) first.");
                }
                latest.put(Version.parse(text), new Entry(row.getString(2), row.getString(3), row.getBoolean(4),
                        row.getTimestamp(5), row.getLong(6), row.getString(7)));
            }
        }
        Map<Version, AppliedMigration> rows = new TreeMap<>();
        latest.forEach((version, entry) -> {
            String type = entry.type() == null ? "" : entry.type().toUpperCase(java.util.Locale.ROOT);
            if (type.equals("BASELINE")) {
                for (Migration file : files.upTo(version)) {
                    rows.putIfAbsent(file.version(), files.row(tool(), file.version(), null, false,
                            entry.at() == null ? null : entry.at().toInstant(), 0, entry.by()));
                }
            } else if (!type.startsWith("UNDO") && !type.equals("DELETE")) {
                rows.put(version, files.row(tool(), version, entry.description(), !entry.success(),
                        entry.at() == null ? null : entry.at().toInstant(), entry.ms(), entry.by()));
            } else {
                rows.remove(version);
            }
        });
        return Optional.of(new Adoption(tool(), table.get().name(), false, new ArrayList<>(rows.values())));
    }
}
