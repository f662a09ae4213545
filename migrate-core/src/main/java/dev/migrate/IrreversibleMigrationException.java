package dev.migrate;

import java.util.List;

/** A rollback would need a down script that one of the migrations does not have. Nothing was changed. */
public final class IrreversibleMigrationException extends MigrateException {

    private final List<Version> versions;

    public IrreversibleMigrationException(List<String> labels, List<Version> versions) {
        this(labels, versions, "add the missing {version}_{description}.down.sql files");
    }

    /** @param advice how the folder's layout gives a migration a down script, as an instruction */
    public IrreversibleMigrationException(List<String> labels, List<Version> versions, String advice) {
        super("Cannot roll back: " + (labels.size() == 1 ? "migration " : "migrations ") + String.join(", ", labels)
                + (labels.size() == 1 ? " has" : " have") + " no down script. Nothing was changed. "
                + Character.toUpperCase(advice.charAt(0)) + advice.substring(1) + ", or roll back fewer steps.");
        this.versions = List.copyOf(versions);
    }

    /** The versions that cannot be rolled back, newest first. */
    public List<Version> versions() {
        return versions;
    }
}
