package dev.migrate;

import java.util.List;

/** A rollback would need a down script that one of the migrations does not have. Nothing was changed. */
public final class IrreversibleMigrationException extends MigrateException {

    private final List<Version> versions;

    public IrreversibleMigrationException(List<String> labels, List<Version> versions) {
        super("Cannot roll back: " + (labels.size() == 1 ? "migration " : "migrations ") + String.join(", ", labels)
                + (labels.size() == 1 ? " has" : " have") + " no down script. Nothing was changed. Add the missing "
                + "{version}_{description}.down.sql files, or roll back fewer steps.");
        this.versions = List.copyOf(versions);
    }

    /** The versions that cannot be rolled back, newest first. */
    public List<Version> versions() {
        return versions;
    }
}
