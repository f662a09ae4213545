package dev.migrate.actuate;

import dev.migrate.Status;
import dev.migrate.autoconfigure.LastRun;
import dev.migrate.autoconfigure.MigrationActivity;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the schema is at the newest migration (or ahead of it, as a newer release leaves it) and clean; DOWN when
 * it is dirty or this process's last run failed; OUT_OF_SERVICE while migrations are pending (the code may expect a
 * schema the database lacks).
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

    private final MigrationActivity activity;

    public MigrationsHealthIndicator(MigrationActivity activity) {
        super("Migrations health check failed");
        this.activity = activity;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Status status = activity.status();
        // Versions as the endpoint gives them: a number (a dotted version as text), absent when there is none.
        status.version().ifPresent(version -> builder.withDetail("version", version.jsonValue()));
        status.latest().ifPresent(latest -> builder.withDetail("latestVersion", latest.jsonValue()));
        builder.withDetail("pending", status.pending().size())
                .withDetail("dirty", status.dirty())
                .withDetail("databaseAhead", !status.ahead().isEmpty());
        LastRun lastRun = activity.lastRun().orElse(null);
        if (lastRun != null && lastRun.result() == LastRun.Result.FAILED) {
            builder.down().withDetail("lastRunError", lastRun.error());
        } else if (status.dirty()) {
            builder.down();
        } else if (!status.pending().isEmpty()) {
            builder.outOfService();
        } else {
            builder.up();
        }
    }
}
