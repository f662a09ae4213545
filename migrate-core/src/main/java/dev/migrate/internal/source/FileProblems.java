package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What is wrong with a folder's files, gathered file by file, so that a folder that cannot run as it is gets one
 * message naming every offending file and what to do with each, not one file per attempt.
 */
final class FileProblems {

    private final List<InvalidMigrationException> problems = new ArrayList<>();

    /** Runs one file's work; a problem with that file is kept, and the file left out. */
    <T> Optional<T> each(Supplier<T> work) {
        try {
            return Optional.ofNullable(work.get());
        } catch (InvalidMigrationException e) {
            problems.add(e);
            return Optional.empty();
        }
    }

    /** Throws every problem kept so far, together. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw InvalidMigrationException.all(problems);
        }
    }
}
