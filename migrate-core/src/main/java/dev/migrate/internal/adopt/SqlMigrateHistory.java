package dev.migrate.internal.adopt;

import dev.migrate.internal.postgres.Relations;
import dev.migrate.AppliedMigration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** sql-migrate's {@code gorp_migrations(id, applied_at)}: the id is the file name, its version the number before '_'. */
final class SqlMigrateHistory implements ForeignHistory {

    @Override
    public List<String> tables() {
        return List.of("gorp_migrations");
    }

    @Override
    public String tool() {
        return "sql-migrate";
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        Optional<Relations.Relation> table = Relations.first(connection, "gorp_migrations");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT id, applied_at FROM " + table.get().sql())) {
            while (row.next()) {
                String id = row.getString(1);
                OffsetDateTime at = row.getObject(2, OffsetDateTime.class);
                int underscore = id.indexOf('_');
                FilesByVersion.parse(underscore < 0 ? id.replace(".sql", "") : id.substring(0, underscore)).ifPresent(version ->
                        rows.add(files.row(tool(), version, null, false, at == null ? null : at.toInstant(), 0, null)));
            }
        }
        rows.sort((a, b) -> a.version().compareTo(b.version()));
        return Optional.of(new Adoption(tool(), table.get().name(), false, rows));
    }
}
