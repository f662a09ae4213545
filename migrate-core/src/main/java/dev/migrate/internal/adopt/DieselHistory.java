package dev.migrate.internal.adopt;

import dev.migrate.internal.postgres.Relations;
import dev.migrate.AppliedMigration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** diesel's {@code __diesel_schema_migrations(version varchar, run_on timestamp)}: one row per applied version. */
final class DieselHistory implements ForeignHistory {

    @Override
    public List<String> tables() {
        return List.of("__diesel_schema_migrations");
    }

    @Override
    public String tool() {
        return "diesel";
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        Optional<Relations.Relation> table = Relations.first(connection, "__diesel_schema_migrations");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version, run_on FROM " + table.get().sql())) {
            while (row.next()) {
                Timestamp at = row.getTimestamp(2);
                FilesByVersion.parse(row.getString(1)).ifPresent(version -> rows.add(files.row(tool(), version, null, false,
                        at == null ? null : at.toInstant(), 0, null)));
            }
        }
        rows.sort((a, b) -> a.version().compareTo(b.version()));
        return Optional.of(new Adoption(tool(), table.get().name(), false, rows));
    }
}
