package dev.migrate.internal;

import java.time.Duration;

/** Formats durations the way log lines and messages show them: {@code 412 ms}, {@code 3.2 s}, {@code 5m 0s}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return duration.toMinutes() + "m " + duration.toSecondsPart() + "s";
    }
}
