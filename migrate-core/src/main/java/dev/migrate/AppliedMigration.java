package dev.migrate;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table: a migration that was applied, or that failed part-way and left the database
 * {@code dirty}. {@code adoptedFrom} names the tool that applied it when migrate took over that tool's history
 * ({@code null} for migrations migrate ran).
 */
public record AppliedMigration(Version version, String description, String checksum, boolean dirty,
        Instant appliedAt, long executionMs, String appliedBy, String adoptedFrom) {

    public AppliedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
    }

    /** A row for a migration migrate ran itself. */
    public AppliedMigration(Version version, String description, String checksum, boolean dirty, Instant appliedAt,
            long executionMs, String appliedBy) {
        this(version, description, checksum, dirty, appliedAt, executionMs, appliedBy, null);
    }

    public String label() {
        return description.isEmpty() ? version.toString() : version + " (" + description + ")";
    }
}
