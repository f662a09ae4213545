package dev.migrate.autoconfigure;

import dev.migrate.MigrateResult;
import dev.migrate.Migrator;

/**
 * Replaces how migrations run at startup, as Spring Boot's {@code FlywayMigrationStrategy} does for Flyway: for
 * example to validate only, or to run up to a version chosen at run time. The default calls
 * {@link Migrator#migrate()} (or {@code migrate(target)} when a target version is set).
 */
@FunctionalInterface
public interface MigrationStrategy {

    /** Runs the migrations; returns the result, or {@code null} when the strategy chose to run nothing. */
    MigrateResult migrate(Migrator migrator);
}
