package dev.migrate.autoconfigure;

import java.time.Duration;
import java.time.Instant;

/**
 * The last time this process ran migrations: when, how many were applied, how long it took, and the outcome.
 * {@code error} is the failure's message, {@code null} on success; {@code failedVersion} names the migration that
 * failed, when one did.
 */
public record LastRun(Instant started, Instant finished, int applied, Duration duration, Result result,
        String error, dev.migrate.Version failedVersion) {

    /** How a run ended. */
    public enum Result {
        SUCCESS, FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
