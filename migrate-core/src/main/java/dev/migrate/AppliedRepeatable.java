package dev.migrate;

import java.time.Instant;
import java.util.Objects;

/**
 * The last application of a repeatable migration: the checksum of the script that ran, when, for how long and by
 * whom; {@code adoptedFrom} names the tool that applied it when migrate took over that tool's history.
 */
public record AppliedRepeatable(String description, String checksum, Instant appliedAt, long executionMs,
        String appliedBy, String adoptedFrom) {

    public AppliedRepeatable {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(checksum, "checksum");
    }
}
