package dev.migrate.internal.adopt;

import dev.migrate.internal.postgres.Relations;
import dev.migrate.AppliedMigration;
import dev.migrate.ChecksumMismatchException;
import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.internal.Digests;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQLx's {@code _sqlx_migrations}: one row per version with the SHA-384 of the file's bytes, as SQLx computes
 * it. A file whose hash differs changed after SQLx applied it, and nothing is adopted; a failed row is dirty.
 */
final class SqlxHistory implements ForeignHistory {

    @Override
    public List<String> tables() {
        return List.of("_sqlx_migrations");
    }

    @Override
    public String tool() {
        return "sqlx";
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        Optional<Relations.Relation> table = Relations.first(connection, "_sqlx_migrations");
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version, description, installed_on, success, checksum, "
                     + "execution_time FROM " + table.get().sql() + " ORDER BY version")) {
            while (row.next()) {
                Version version = new Version(row.getLong(1));
                byte[] recorded = row.getBytes(5);
                Optional<Migration> file = files.get(version);
                if (file.isPresent() && recorded != null && recorded.length > 0) {
                    String current = Digests.hex("SHA-384", file.get().up().bytes());
                    if (!current.equals(Digests.hex(recorded))) {
                        throw ChecksumMismatchException.changedSince(tool(), "SHA-384", file.get(),
                                Digests.hex(recorded), current);
                    }
                }
                OffsetDateTime at = row.getObject(3, OffsetDateTime.class);
                // SQLx records nanoseconds.
                rows.add(files.row(tool(), version, row.getString(2), !row.getBoolean(4), at == null ? null : at.toInstant(),
                        row.getLong(6) / 1_000_000, null));
            }
        }
        return Optional.of(new Adoption(tool(), table.get().name(), false, rows));
    }

}
