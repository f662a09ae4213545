package dev.migrate.autoconfigure;

import dev.migrate.fleet.FleetResult;
import dev.migrate.fleet.FleetStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * The fleet at startup, before anything that uses the database: with {@code startup: migrate}, its migrations are
 * applied and a failed target fails the startup; with {@code check}, its status is read and logged, the work left
 * to a Job (docs/fleet.md).
 */
public class FleetInitializer implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(FleetInitializer.class);

    private final FleetActivity activity;
    private final MigrateProperties.FleetStartup startup;

    public FleetInitializer(FleetActivity activity, MigrateProperties.FleetStartup startup) {
        this.activity = activity;
        this.startup = startup;
    }

    @Override
    public void afterPropertiesSet() {
        if (startup == MigrateProperties.FleetStartup.MIGRATE) {
            FleetResult result = activity.up();
            if (!result.succeeded()) {
                throw new IllegalStateException("the fleet's migrations failed"
                        + (result.canaryFailed() ? " in the canary wave" : "") + ": " + String.join(", ",
                        result.failedElsewhere()) + ". See the log or /actuator/migrations for each error; fix the "
                        + "cause, then start again with database.migrations.fleet.retry-failed=true");
            }
            log.info("fleet migrated: {}", result.counts());
            return;
        }
        FleetStatus status = activity.read();
        if (status.current()) {
            log.info("fleet is current: {} targets", status.targets().size());
        } else {
            log.warn("fleet is not current: {} (the work is left to a fleet Job; see docs/fleet.md)", status.counts());
        }
    }
}
