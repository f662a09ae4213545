package dev.migrate;

import java.util.List;

/**
 * Every disagreement between the files and the history table, in version order; a dirty database comes first.
 * Empty when the database and the files agree.
 */
public record ValidationResult(List<MigrateException> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** Throws the first problem, the one {@code migrate()} would stop on. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
    }
}
