package dev.migrate.internal.adopt;

import dev.migrate.internal.postgres.Relations;
import dev.migrate.AppliedMigration;
import dev.migrate.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * goose's {@code goose_db_version(id, version_id, is_applied, tstamp)}: a log of ups and downs, so a version is
 * applied when its latest row says so. Version 0 is goose's own starting row.
 */
final class GooseHistory implements ForeignHistory {

    @Override
    public List<String> tables() {
        return List.of("goose_db_version");
    }

    @Override
    public String tool() {
        return "goose";
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        Optional<Relations.Relation> table = Relations.first(connection, "goose_db_version");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT DISTINCT ON (version_id) version_id, is_applied, tstamp FROM "
                     + table.get().sql() + " WHERE version_id > 0 ORDER BY version_id, id DESC")) {
            while (row.next()) {
                if (row.getBoolean(2)) {
                    Timestamp at = row.getTimestamp(3);
                    rows.add(files.row(tool(), new Version(row.getLong(1)), null, false,
                            at == null ? null : at.toInstant(), 0, null));
                }
            }
        }
        return Optional.of(new Adoption(tool(), table.get().name(), false, rows));
    }
}
