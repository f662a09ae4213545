package dev.migrate.internal.run;

import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.internal.postgres.HistoryRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Flyway's baseline migrations ({@code B1_20_0__x.sql}, Flyway 9+) as Flyway 13.12 runs them, checked against it in
 * {@code FlywayBaselineTest}:
 * <ul>
 * <li>a database with no history runs the newest baseline migration instead of the versioned migrations up to its
 *     version, then the versions above it (with a target, the newest at or below it: Flyway itself takes the
 *     newest whatever the target, which would go past what was asked);</li>
 * <li>a history that holds a baseline's row (its version, and its checksum or description) carries on from it:
 *     the versions up to it are below the baseline, neither pending nor missing;</li>
 * <li>any other history runs the versioned migrations as they are, and the baseline migrations are not looked at.</li>
 * </ul>
 * The baseline runs as a migration of its own version, its row written in its transaction, so it runs once.
 */
final class BaselineMigrations {

    private BaselineMigrations() {
    }

    /** The migrations to set against {@code rows}: {@code files} as they are, or from a baseline on. */
    static List<Migration> effective(List<Migration> files, List<Migration> baselines, List<HistoryRow> rows,
            Optional<Version> target) {
        if (baselines.isEmpty()) {
            return files;
        }
        Optional<Migration> from = rows.isEmpty() ? newestUpTo(baselines, target) : applied(baselines, rows);
        if (from.isEmpty()) {
            return files;
        }
        Migration baseline = from.get();
        List<Migration> effective = new ArrayList<>(files.size() + 1);
        effective.add(baseline);
        files.stream().filter(file -> file.version().compareTo(baseline.version()) > 0).forEach(effective::add);
        return effective;
    }

    private static Optional<Migration> newestUpTo(List<Migration> baselines, Optional<Version> target) {
        return baselines.stream().filter(b -> target.isEmpty() || b.version().compareTo(target.get()) <= 0)
                .reduce((older, newer) -> newer);
    }

    /** The newest baseline the history recorded as applied. */
    private static Optional<Migration> applied(List<Migration> baselines, List<HistoryRow> rows) {
        for (int i = baselines.size() - 1; i >= 0; i--) {
            Migration baseline = baselines.get(i);
            for (HistoryRow row : rows) {
                if (row.version().equals(baseline.version()) && (Objects.equals(row.checksum(),
                        baseline.up().checksum()) || row.row().description().equals(baseline.description()))) {
                    return Optional.of(baseline);
                }
            }
        }
        return Optional.empty();
    }
}
