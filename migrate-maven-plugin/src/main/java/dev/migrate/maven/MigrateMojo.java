package dev.migrate.maven;

import dev.migrate.MigrateResult;
import dev.migrate.Migrator;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code migrate:migrate}: applies every pending migration, as the CLI's {@code up} does. */
@Mojo(name = "migrate", requiresProject = false, threadSafe = true)
public final class MigrateMojo extends AbstractMigrateMojo {

    @Override
    void run(Migrator migrator) {
        MigrateResult result = migrator.migrate();
        getLog().info("migrate: " + (result.upToDate() ? "up to date" : result.applied().size() + " applied")
                + ", now at version " + result.version().map(Object::toString).orElse("(none)"));
    }
}
