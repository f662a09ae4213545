package dev.migrate.internal.adopt;

import dev.migrate.AppliedMigration;
import dev.migrate.internal.postgres.HistoryShape;
import dev.migrate.internal.postgres.HistoryTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** dbmate's {@code schema_migrations(version varchar)}: one row per applied version; same name as ours. */
final class DbmateHistory implements ForeignHistory {

    private final HistoryTable history;

    DbmateHistory(HistoryTable history) {
        this.history = history;
    }

    @Override
    public List<String> tables() {
        return history.names();
    }

    @Override
    public String tool() {
        return "dbmate";
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        if (history.inspect(connection) != HistoryShape.DBMATE) {
            return Optional.empty();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version FROM " + history.sqlName())) {
            while (row.next()) {
                FilesByVersion.parse(row.getString(1)).ifPresent(version ->
                        rows.add(files.row(tool(), version, null, false, null, 0, null)));
            }
        }
        rows.sort((a, b) -> a.version().compareTo(b.version()));
        return Optional.of(new Adoption(tool(), history.name(), true, rows));
    }
}
