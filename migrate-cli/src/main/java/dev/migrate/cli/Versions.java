package dev.migrate.cli;

import dev.migrate.Version;

/** Reads a version argument, turning a bad one into a usage error. */
final class Versions {

    private Versions() {
    }

    static Version parse(String text) {
        try {
            return Version.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("can't read version argument V: " + e.getMessage());
        }
    }
}
