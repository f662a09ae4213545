package dev.migrate.maven;

import dev.migrate.MigrationInfo;
import dev.migrate.Migrator;
import dev.migrate.Status;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code migrate:status}: every migration with its state, as the CLI's {@code status} prints it. */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public final class StatusMojo extends AbstractMigrateMojo {

    @Override
    void run(Migrator migrator) {
        Status status = migrator.status();
        getLog().info("migrate: version " + status.version().map(Object::toString).orElse("(none)")
                + (status.dirty() ? " (dirty)" : "") + ", " + status.pending().size() + " pending");
        for (MigrationInfo migration : status.migrations()) {
            getLog().info("  " + migration.version() + " " + migration.description() + ": " + migration.state().id());
        }
    }
}
