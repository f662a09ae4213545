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

/**
 * Atlas's {@code atlas_schema_revisions} (in the schema of that name, or on the search_path): one row per
 * version; a revision with fewer statements applied than it has, or an error, failed part-way and is dirty.
 */
final class AtlasHistory implements ForeignHistory {

    @Override
    public List<String> tables() {
        return List.of("atlas_schema_revisions.atlas_schema_revisions", "atlas_schema_revisions");
    }

    @Override
    public String tool() {
        return "atlas";
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        Optional<Relations.Relation> table = Relations.first(connection, "atlas_schema_revisions.atlas_schema_revisions",
                "atlas_schema_revisions");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version, description, applied, total, executed_at, "
                     + "execution_time, error FROM " + table.get().sql())) {
            while (row.next()) {
                String versionText = row.getString(1);
                long applied = row.getLong(3);
                long total = row.getLong(4);
                boolean dirty = applied < total || row.getString(7) != null;
                OffsetDateTime at = row.getObject(5, OffsetDateTime.class);
                String description = row.getString(2);
                long ms = row.getLong(6) / 1_000_000; // Atlas records nanoseconds
                // Rows that are not versions (Atlas's own bookkeeping) are skipped.
                FilesByVersion.parse(versionText).ifPresent(version -> rows.add(files.row(tool(), version, description, dirty,
                        at == null ? null : at.toInstant(), ms, null)));
            }
        }
        rows.sort((a, b) -> a.version().compareTo(b.version()));
        return Optional.of(new Adoption(tool(), table.get().name(), false, rows));
    }
}
