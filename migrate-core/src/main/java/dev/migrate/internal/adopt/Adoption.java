package dev.migrate.internal.adopt;

import dev.migrate.AppliedMigration;
import dev.migrate.AppliedRepeatable;
import java.util.List;

/**
 * Another tool's history, read as migrate's rows: which tool, which table, and whether that table is the
 * history table itself (golang-migrate's and dbmate's share its name) and must be upgraded in place.
 */
public record Adoption(String tool, String table, boolean inPlace, List<AppliedMigration> rows,
        List<AppliedRepeatable> repeatables) {

    public Adoption {
        rows = List.copyOf(rows);
        repeatables = List.copyOf(repeatables);
    }

    public Adoption(String tool, String table, boolean inPlace, List<AppliedMigration> rows) {
        this(tool, table, inPlace, rows, List.of());
    }
}
