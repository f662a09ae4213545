package dev.migrate;

import java.time.Instant;

/**
 * One line of the status: a migration known from its file, its history row, or both. {@code script},
 * {@code checksum} and {@code layout} describe the file ({@code null} when it is missing); {@code appliedAt},
 * {@code executionMs}, {@code appliedBy} and {@code adoptedFrom} (the tool that applied it, when migrate took
 * over its history) come from the history row ({@code null} when pending).
 */
public record MigrationInfo(Version version, String description, MigrationState state, String script,
        String checksum, Instant appliedAt, Long executionMs, String appliedBy, String layout, String adoptedFrom) {
}
