package dev.migrate.actuate;

import dev.migrate.Status;
import dev.migrate.autoconfigure.MigrationActivity;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Migration meters, each tagged with the DataSource's name. In Prometheus (empty prefix):
 * {@code db_migrations_total{result="applied"|"failed"}}, {@code db_migrations_pending},
 * {@code db_migrations_current_version} (-1 when none), {@code db_migrations_dirty},
 * {@code db_migrations_last_run_timestamp_seconds}, {@code db_migrations_duration_seconds} and
 * {@code db_migrations_lock_wait_seconds}.
 */
public class MigrationMetrics implements MeterBinder {

    private final Map<String, MigrationActivity> activities;
    private final String prefix;

    public MigrationMetrics(Map<String, MigrationActivity> activities, String prefix) {
        this.activities = Map.copyOf(activities);
        this.prefix = prefix;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        activities.forEach((bean, activity) -> bind(registry, activity, Tags.of("name", Names.dataSource(bean))));
    }

    private void bind(MeterRegistry registry, MigrationActivity activity, Tags tags) {
        FunctionCounter.builder(name("db.migrations"), activity, MigrationActivity::appliedCount)
                .description("Migrations run by this process").tags(tags).tag("result", "applied").register(registry);
        FunctionCounter.builder(name("db.migrations"), activity, MigrationActivity::failedCount)
                .description("Migrations run by this process").tags(tags).tag("result", "failed").register(registry);
        Gauge.builder(name("db.migrations.pending"), activity, a -> a.status().pending().size())
                .description("Migrations with a file that are not applied").tags(tags).register(registry);
        Gauge.builder(name("db.migrations.current.version"), activity, MigrationMetrics::currentVersion)
                .description("Newest applied version, -1 when none").tags(tags).register(registry);
        Gauge.builder(name("db.migrations.dirty"), activity, a -> a.status().dirty() ? 1 : 0)
                .description("1 when a migration failed part-way and the schema needs an operator").tags(tags)
                .register(registry);
        Gauge.builder(name("db.migrations.last.run.timestamp"), activity, MigrationMetrics::lastRunSeconds)
                .description("When this process's last migration run finished").baseUnit("seconds").tags(tags)
                .register(registry);
        FunctionTimer.builder(name("db.migrations.duration"), activity, MigrationActivity::appliedCount,
                        MigrationActivity::appliedMillis, TimeUnit.MILLISECONDS)
                .description("Time applied migrations took").tags(tags).register(registry);
        FunctionTimer.builder(name("db.migrations.lock.wait"), activity, MigrationActivity::lockWaitCount,
                        MigrationActivity::lockWaitMillis, TimeUnit.MILLISECONDS)
                .description("Time runs waited for the migration lock").tags(tags).register(registry);
    }

    private String name(String name) {
        return Names.meter(prefix, name);
    }

    private static double currentVersion(MigrationActivity activity) {
        Status status = activity.status();
        // A dotted version (Flyway's 1.10) has no faithful number: NaN rather than a misleading 1.1.
        return status.version().map(v -> v.asLong().map(Long::doubleValue).orElse(Double.NaN)).orElse(-1.0);
    }

    private static double lastRunSeconds(MigrationActivity activity) {
        return activity.lastRun().map(run -> run.finished().toEpochMilli() / 1000.0).orElse(Double.NaN);
    }
}
