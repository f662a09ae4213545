package dev.migrate.autoconfigure;

import dev.migrate.MigratorBuilder;

/** Adjusts the auto-configured {@link dev.migrate.Migrator} before it is built: a listener, a custom source. */
@FunctionalInterface
public interface MigratorCustomizer {

    void customize(MigratorBuilder builder);
}
