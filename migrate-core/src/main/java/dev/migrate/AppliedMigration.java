package dev.migrate;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table: a migration that was applied, or that failed part-way and left the database
 * {@code dirty}.
 */
public record AppliedMigration(Version version, String description, String checksum, boolean dirty,
        Instant appliedAt, long executionMs, String appliedBy) {

    public AppliedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
    }

    public String label() {
        return description.isEmpty() ? version.toString() : version + " (" + description + ")";
    }
}
