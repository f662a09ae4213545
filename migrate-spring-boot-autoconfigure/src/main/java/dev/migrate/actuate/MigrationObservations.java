package dev.migrate.actuate;

import dev.migrate.AppliedMigration;
import dev.migrate.Change;
import dev.migrate.Direction;
import dev.migrate.MigrateException;
import dev.migrate.MigrateResult;
import dev.migrate.Migration;
import dev.migrate.MigrationFailedException;
import dev.migrate.MigrationListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Locale;

/**
 * Micrometer Observations of the runs ({@code db.migrations.run}) and of each migration within one
 * ({@code db.migration}), so that a service's traces show its startup migrations and the time each took. Tags, all
 * low-cardinality: the run's {@code change} and {@code outcome}; each migration's {@code version},
 * {@code description}, {@code direction} and {@code outcome}. A run and its migrations happen on one thread, which
 * holds what is open.
 */
public final class MigrationObservations implements MigrationListener {

    private record Open(Observation run, Observation.Scope scope, Observation migration) {
    }

    private final ObservationRegistry registry;
    private final String runName;
    private final String migrationName;
    private final ThreadLocal<Open> open = new ThreadLocal<>();

    public MigrationObservations(ObservationRegistry registry, String prefix) {
        this.registry = registry;
        this.runName = Names.meter(prefix, "db.migrations.run");
        this.migrationName = Names.meter(prefix, "db.migration");
    }

    @Override
    public void runStarted(Change change) {
        String kind = change.kind().name().toLowerCase(Locale.ROOT);
        Observation run = Observation.createNotStarted(runName, registry).contextualName("migrate " + kind)
                .lowCardinalityKeyValue("change", kind).start();
        open.set(new Open(run, run.openScope(), null));
    }

    @Override
    public void migrationStarted(Migration migration, Direction direction) {
        Open current = open.get();
        if (current == null) {
            return;
        }
        String way = direction.name().toLowerCase(Locale.ROOT);
        Observation step = Observation.createNotStarted(migrationName, registry).parentObservation(current.run())
                .contextualName("migration " + migration.version() + " " + way)
                .lowCardinalityKeyValue("version", migration.version().toString())
                .lowCardinalityKeyValue("description", migration.description())
                .lowCardinalityKeyValue("direction", way).start();
        open.set(new Open(current.run(), current.scope(), step));
    }

    @Override
    public void migrationApplied(Migration migration, AppliedMigration applied) {
        stopMigration("success", null);
    }

    @Override
    public void migrationRolledBack(Migration migration, Duration duration) {
        stopMigration("success", null);
    }

    @Override
    public void migrationFailed(Migration migration, MigrationFailedException failure) {
        stopMigration("failure", failure);
    }

    @Override
    public void runFinished(MigrateResult result) {
        stopRun("success", null);
    }

    @Override
    public void runFailed(MigrateException failure, Duration duration) {
        stopMigration("failure", failure);
        stopRun("failure", failure);
    }

    private void stopMigration(String outcome, Throwable failure) {
        Open current = open.get();
        if (current == null || current.migration() == null) {
            return;
        }
        stop(current.migration(), outcome, failure);
        open.set(new Open(current.run(), current.scope(), null));
    }

    private void stopRun(String outcome, Throwable failure) {
        Open current = open.get();
        if (current == null) {
            return;
        }
        open.remove();
        current.scope().close();
        stop(current.run(), outcome, failure);
    }

    private static void stop(Observation observation, String outcome, Throwable failure) {
        if (failure != null) {
            observation.error(failure);
        }
        observation.lowCardinalityKeyValue("outcome", outcome).stop();
    }
}
