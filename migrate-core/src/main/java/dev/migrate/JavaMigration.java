package dev.migrate;

import java.sql.Connection;

/**
 * A migration written in Java, for what SQL cannot do (a backfill computed in code), as Flyway's
 * {@code db/migration} classes are. Named like a Flyway script, {@code V3__Backfill_accounts}, its version and
 * description come from the class name; override {@link #version()} and {@link #description()} to name it
 * otherwise. It runs in its migration's transaction, together with its history row, unless
 * {@link #transactional()} says no.
 *
 * <p>Found in a {@code classpath:} location's package ({@code classpath:db/migration} finds
 * {@code db.migration.V3__Backfill_accounts}, which needs a public no-argument constructor), given to
 * {@link MigratorBuilder#javaMigration}, or, in Spring, as beans.
 */
public interface JavaMigration {

    /** Does the work on the run's connection; throw to fail the migration (and roll its transaction back). */
    void migrate(Connection connection) throws Exception;

    /** The version: from a class named {@code V{version}__{description}}, underscores in it read as dots. */
    default Version version() {
        return JavaMigrationNames.version(getClass());
    }

    /** The description: from the class name, after {@code __}, underscores read as spaces. */
    default String description() {
        return JavaMigrationNames.description(getClass());
    }

    /**
     * A checksum recorded with the migration and compared on later runs, so that a changed migration is reported
     * as modified; {@code null} (the default) records none and compares nothing, as Flyway does for Java
     * migrations.
     */
    default String checksum() {
        return null;
    }

    /** Whether it runs in a transaction with its history row. Default true. */
    default boolean transactional() {
        return true;
    }
}
