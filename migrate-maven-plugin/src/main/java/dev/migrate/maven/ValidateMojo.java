package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.Migrator;
import dev.migrate.ValidationResult;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code migrate:validate}: fails the build on every reason {@code migrate} would refuse to run. */
@Mojo(name = "validate", requiresProject = false, threadSafe = true)
public final class ValidateMojo extends AbstractMigrateMojo {

    @Override
    void run(Migrator migrator) throws MojoFailureException {
        ValidationResult result = migrator.validate();
        if (result.valid()) {
            getLog().info("migrate: the files and the database agree");
            return;
        }
        for (MigrateException problem : result.problems()) {
            getLog().error(problem.getMessage());
        }
        throw new MojoFailureException(result.problems().size() + " validation problem"
                + (result.problems().size() == 1 ? "" : "s") + ": " + result.problems().get(0).getMessage());
    }
}
