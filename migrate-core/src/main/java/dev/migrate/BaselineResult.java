package dev.migrate;

import java.util.List;

/** The migrations that {@code baseline} recorded as applied without running them, in version order. */
public record BaselineResult(Version baseline, List<Version> recorded) {

    public BaselineResult {
        recorded = List.copyOf(recorded);
    }
}
