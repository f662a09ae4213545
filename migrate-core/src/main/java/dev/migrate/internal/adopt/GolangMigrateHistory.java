package dev.migrate.internal.adopt;

import dev.migrate.AppliedMigration;
import dev.migrate.HistoryTableException;
import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.internal.postgres.HistoryShape;
import dev.migrate.internal.postgres.HistoryTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * golang-migrate's {@code schema_migrations(version bigint, dirty boolean)}: one row, the current version. Every
 * file up to it counts as applied; a dirty version stays dirty. The table has the history table's name; one of
 * that shape with more than one row is not golang-migrate's, and is refused.
 */
final class GolangMigrateHistory implements ForeignHistory {

    private final HistoryTable history;

    GolangMigrateHistory(HistoryTable history) {
        this.history = history;
    }

    @Override
    public List<String> tables() {
        return history.names();
    }

    @Override
    public String tool() {
        return "golang-migrate";
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        if (history.inspect(connection) != HistoryShape.GOLANG_MIGRATE) {
            return Optional.empty();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version, dirty FROM " + history.sqlName()
                     + " ORDER BY version DESC LIMIT 2")) {
            if (row.next() && row.getLong(1) >= 0) {
                Version current = new Version(row.getLong(1));
                boolean dirty = row.getBoolean(2);
                if (row.next()) {
                    // golang-migrate keeps one row, the current version: a table of several is somebody else's.
                    throw HistoryTableException.notThatHistory(history.name(), "golang-migrate's columns (version "
                            + "bigint PRIMARY KEY, dirty boolean)", "it holds more than one row, where golang-migrate "
                            + "keeps one (the current version)");
                }
                for (Migration file : files.upTo(current)) {
                    if (!file.version().equals(current)) {
                        rows.add(files.row(tool(), file.version(), null, false, null, 0, null));
                    }
                }
                rows.add(files.row(tool(), current, null, dirty, null, 0, null));
            }
        }
        return Optional.of(new Adoption(tool(), history.name(), true, rows));
    }
}
