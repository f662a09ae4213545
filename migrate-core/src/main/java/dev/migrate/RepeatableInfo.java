package dev.migrate;

import java.time.Instant;

/**
 * One repeatable migration in the status: {@link MigrationState#PENDING} when never applied,
 * {@link MigrationState#OUTDATED} when its file changed since it last ran (the next run applies it again),
 * {@link MigrationState#APPLIED} otherwise. {@code appliedAt}, {@code executionMs} and {@code adoptedFrom} describe
 * its last application ({@code null} when pending).
 */
public record RepeatableInfo(String description, MigrationState state, String script, String checksum,
        Instant appliedAt, Long executionMs, String adoptedFrom) {
}
