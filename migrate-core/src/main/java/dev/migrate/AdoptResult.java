package dev.migrate;

import java.util.List;

/**
 * What adopting another tool's history recorded (or, in a dry run, would record): the tool, its table, and the
 * migrations now counted as applied without having been run by migrate.
 */
public record AdoptResult(String tool, String table, List<AppliedMigration> recorded, boolean dryRun) {

    public AdoptResult {
        recorded = List.copyOf(recorded);
    }
}
