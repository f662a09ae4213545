package dev.migrate.maven;

import dev.migrate.Migrator;
import dev.migrate.Plan;
import dev.migrate.PlannedMigration;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code migrate:plan}: what {@code migrate} would run, in order, changing nothing and taking no lock. */
@Mojo(name = "plan", requiresProject = false, threadSafe = true)
public final class PlanMojo extends AbstractMigrateMojo {

    @Override
    void run(Migrator migrator) {
        Plan plan = migrator.plan(dev.migrate.Change.up());
        if (plan.empty()) {
            getLog().info("migrate: nothing to run");
            return;
        }
        for (PlannedMigration step : plan.migrations()) {
            getLog().info("migrate: would apply " + step.version() + " " + step.description() + " ("
                    + step.script() + (step.transactional() ? "" : ", without a transaction") + ")");
        }
        for (PlannedMigration step : plan.repeatables()) {
            getLog().info("migrate: would apply repeatable " + step.description() + " (" + step.script() + ")");
        }
    }
}
