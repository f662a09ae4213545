package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Direction;
import dev.migrate.LockHolder;
import dev.migrate.MigrateException;
import dev.migrate.MigrateResult;
import dev.migrate.Migration;
import dev.migrate.MigrationFailedException;
import dev.migrate.MigrationListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes each event to every listener; a listener that throws is logged and the run goes on. */
public final class Listeners implements MigrationListener {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<MigrationListener> listeners;

    public Listeners(List<MigrationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(String event, Consumer<MigrationListener> call) {
        for (MigrationListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("migration listener {} failed in {}; the run goes on", listener, event, e);
            }
        }
    }

    @Override
    public void runStarted(dev.migrate.Change change) {
        each("runStarted", l -> l.runStarted(change));
    }

    @Override
    public void lockWaiting(LockHolder holder, Duration waited) {
        each("lockWaiting", l -> l.lockWaiting(holder, waited));
    }

    @Override
    public void lockAcquired(Duration waited) {
        each("lockAcquired", l -> l.lockAcquired(waited));
    }

    @Override
    public void migrationStarted(Migration migration, Direction direction) {
        each("migrationStarted", l -> l.migrationStarted(migration, direction));
    }

    @Override
    public void migrationRolledBack(Migration migration, Duration duration) {
        each("migrationRolledBack", l -> l.migrationRolledBack(migration, duration));
    }

    @Override
    public void migrationApplied(Migration migration, AppliedMigration applied) {
        each("migrationApplied", l -> l.migrationApplied(migration, applied));
    }

    @Override
    public void migrationFailed(Migration migration, MigrationFailedException failure) {
        each("migrationFailed", l -> l.migrationFailed(migration, failure));
    }

    @Override
    public void runFinished(MigrateResult result) {
        each("runFinished", l -> l.runFinished(result));
    }

    @Override
    public void runFailed(MigrateException failure, Duration duration) {
        each("runFailed", l -> l.runFailed(failure, duration));
    }
}
