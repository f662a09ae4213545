package dev.migrate;

/**
 * One step of a {@link Plan}: which script would run, in which direction, and whether in a transaction.
 * {@code version} is {@code null} for a repeatable migration.
 */
public record PlannedMigration(Version version, String description, Direction direction, String script, String sql,
        boolean transactional) {
}
