package dev.migrate;

import java.time.Instant;

/**
 * One line of the status: a migration known from its file, its history row, or both. {@code script} and
 * {@code checksum} describe the file ({@code null} when it is missing); {@code appliedAt}, {@code executionMs}
 * and {@code appliedBy} come from the history row ({@code null} when pending).
 */
public record MigrationInfo(Version version, String description, MigrationState state, String script,
        String checksum, Instant appliedAt, Long executionMs, String appliedBy) {
}
