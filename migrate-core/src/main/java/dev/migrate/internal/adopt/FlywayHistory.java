package dev.migrate.internal.adopt;

import dev.migrate.AppliedMigration;
import dev.migrate.AppliedRepeatable;
import dev.migrate.Repeatable;
import java.util.LinkedHashMap;
import dev.migrate.ChecksumMismatchException;
import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.internal.postgres.Relations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Flyway's history table, whatever its name ({@link FlywayTables}), read in {@code installed_rank} order, where a
 * version's latest row decides: applied ({@code SQL}, {@code JDBC}), failed ({@code success} false: dirty), or gone
 * again ({@code UNDO_SQL}, {@code DELETE}). A {@code BASELINE} row ({@code INIT} before Flyway 4), and the row of
 * a baseline migration Flyway ran ({@code SQL_BASELINE}), counts every versioned file up to its version as applied;
 * the
 * {@code SCHEMA} row only says Flyway created the schema. Before anything is adopted, each applied file is
 * checked against the CRC32 Flyway recorded for it, computed as Flyway computes it.
 */
final class FlywayHistory implements ForeignHistory {

    private final String schema;

    /** @param schema the history table's schema, or null for the current schema: where Flyway's table is looked for */
    FlywayHistory(String schema) {
        this.schema = schema;
    }

    @Override
    public List<String> tables() {
        return List.of("flyway_schema_history");
    }

    /** A Flyway folder's history is found by its columns, whatever its name ({@link FlywayTables}). */
    @Override
    public boolean looksForItself(FilesByVersion files) {
        return files.layout().filter("flyway"::equals).isPresent();
    }

    @Override
    public String tool() {
        return "flyway";
    }

    private record Entry(String description, String type, Integer checksum, boolean success, Timestamp at, long ms,
            String by) {
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        Optional<Relations.Relation> table = looksForItself(files) ? FlywayTables.find(connection, schema)
                : Relations.first(connection, "flyway_schema_history");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Map<Version, Entry> latest = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version, description, type, checksum, success, "
                     + "installed_on, execution_time, installed_by FROM " + table.get().sql()
                     + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (row.next()) {
                String type = row.getString(3) == null ? "" : row.getString(3).toUpperCase(Locale.ROOT);
                if (type.equals("SCHEMA")) {
                    continue;
                }
                Integer checksum = row.getObject(4) == null ? null : row.getInt(4);
                latest.put(version(table.get().name(), row.getString(1)), new Entry(row.getString(2), type, checksum,
                        row.getBoolean(5), row.getTimestamp(6), row.getLong(7), row.getString(8)));
            }
        }
        Map<Version, AppliedMigration> rows = new TreeMap<>();
        latest.forEach((version, entry) -> {
            if (entry.type().equals("BASELINE") || entry.type().equals("INIT")
                    || entry.type().equals("SQL_BASELINE")) {
                for (Migration file : files.upTo(version)) {
                    rows.putIfAbsent(file.version(), files.row(tool(), file.version(), null, false,
                            entry.at() == null ? null : entry.at().toInstant(), 0, entry.by()));
                }
            } else if (entry.type().startsWith("UNDO") || entry.type().equals("DELETE")) {
                rows.remove(version);
            } else {
                if (entry.success()) {
                    requireUnchanged(files.get(version), entry);
                }
                rows.put(version, files.row(tool(), version, entry.description(), !entry.success(),
                        entry.at() == null ? null : entry.at().toInstant(), entry.ms(), entry.by()));
            }
        });
        return Optional.of(new Adoption(tool(), table.get().name(), false, new ArrayList<>(rows.values()),
                repeatables(connection, table.get(), files)));
    }

    /**
     * Each repeatable migration's last successful application, kept only where Flyway's CRC32 matches the file as
     * it is now: a file changed since is due again, as Flyway would run it again.
     */
    private List<AppliedRepeatable> repeatables(Connection connection, Relations.Relation table, FilesByVersion files)
            throws SQLException {
        Map<String, AppliedRepeatable> latest = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT description, checksum, installed_on, execution_time, "
                     + "installed_by FROM " + table.sql() + " WHERE version IS NULL AND success AND type = 'SQL' "
                     + "ORDER BY installed_rank")) {
            while (row.next()) {
                String description = row.getString(1);
                Integer checksum = row.getObject(2) == null ? null : row.getInt(2);
                Optional<Repeatable> file = files.repeatable(description);
                if (file.isPresent() && checksum != null && checksum == FlywayChecksum.of(file.get().script())) {
                    Timestamp at = row.getTimestamp(3);
                    latest.put(description, new AppliedRepeatable(description, file.get().script().checksum(),
                            at == null ? null : at.toInstant(), row.getLong(4), row.getString(5), tool()));
                } else {
                    latest.remove(description);
                }
            }
        }
        return new ArrayList<>(latest.values());
    }

    private static Version version(String table, String text) {
        try {
            return Version.parse(text.strip().replace('_', '.'));
        } catch (IllegalArgumentException e) {
            throw InvalidMigrationException.badFile(table + " version " + text, "is not a version Flyway writes: "
                    + e.getMessage());
        }
    }

    /** A file changed since Flyway applied it is reported now, before it could be adopted as applied. */
    private void requireUnchanged(Optional<Migration> file, Entry entry) {
        if (file.isEmpty() || entry.checksum() == null || !entry.type().equals("SQL")) {
            return;
        }
        int current = FlywayChecksum.of(file.get().up());
        if (current != entry.checksum()) {
            throw ChecksumMismatchException.changedSince(tool(), "CRC32", file.get(), entry.checksum().toString(),
                    Integer.toString(current));
        }
    }
}
