package dev.migrate.internal.adopt;

import dev.migrate.AppliedMigration;
import dev.migrate.internal.postgres.Relations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * refinery's {@code refinery_schema_history(version int4 PRIMARY KEY, name, applied_on, checksum)}, all but the
 * version text: one row per applied migration, written in the migration's own transaction, so no row is ever a
 * failed one. refinery's folders are Flyway's names ({@code V1__name.sql}). Its checksum is a SipHash of the name,
 * version and text as Rust hashes them, which migrate does not recompute: migrate's own checksums start here.
 */
final class RefineryHistory implements ForeignHistory {

    private static final String TABLE = "refinery_schema_history";

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public String tool() {
        return "refinery";
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        Optional<Relations.Relation> table = Relations.first(connection, TABLE);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version::text, name, applied_on FROM " + table.get().sql()
                     + " ORDER BY version")) {
            while (row.next()) {
                Instant at = appliedOn(row.getString(3));
                String name = row.getString(2);
                FilesByVersion.parse(row.getString(1)).ifPresent(version -> rows.add(files.row(tool(), version, name,
                        false, at, 0, null)));
            }
        }
        return Optional.of(new Adoption(tool(), table.get().name(), false, rows));
    }

    /** refinery writes RFC 3339; a value it did not write is not worth refusing the takeover for. */
    private static Instant appliedOn(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
