package dev.migrate.internal.run;

import dev.migrate.Change;
import dev.migrate.InvalidMigrationException;
import dev.migrate.LockHolder;
import dev.migrate.MigrateException;
import dev.migrate.Migration;
import dev.migrate.Plan;
import dev.migrate.Repeatable;
import dev.migrate.Status;
import dev.migrate.ValidationResult;
import dev.migrate.spi.MigrationSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the database's migrations stand at, changing nothing: steps 1 and 2 of a run ({@link Engine}), reported as a
 * plan, a status or a validation; and who holds the lock, and whether the database is up at all.
 */
public final class Reports {


    private final Steps shared;
    private final Settings settings;
    private final MigrationSource source;

    public Reports(Steps shared) {
        this.shared = shared;
        this.settings = shared.settings();
        this.source = shared.source();
    }

    /** Steps 1 and 2 of a run, and what step 6 would run: a dry run that fails as the run would fail. */
    public Plan plan(Change change) {
        Listing.Ahead listing = shared.listing(change.version());
        return shared.connected("read the migration state", listing, connection -> {
            MigrationStates now = shared.read(connection, listing.get(), Steps.target(change));
            Steps.throwFirst(shared.problems(change, now,
                    now.dirty() ? shared.running(connection, now) : Optional.empty()));
            List<Step> steps = now.steps(change);
            List<Repeatable> due = shared.repeatables(connection, source.repeatables(), now).due(change);
            Steps.throwAll(Preflight.problems(steps, due));
            return new Plan(now.current(), now.versionAfter(steps), steps.stream().map(Step::planned).toList(),
                    due.stream().map(Repeatables::planned).toList());
        });
    }

    /** Steps 1 and 2 of a run, reported. */
    public Status status() {
        Listing.Ahead listing = shared.listing(Optional.empty());
        return shared.connected("read the migration status", listing, connection -> {
            MigrationStates states = shared.read(connection, listing.get());
            Status status = states.status(states.dirty() ? shared.running(connection, states) : Optional.empty());
            return new Status(status.version(), status.dirty(), status.migrations(), status.willAdoptFrom(),
                    shared.repeatables(connection, source.repeatables(), states).status());
        });
    }

    /** Steps 1 and 2 of a run, and every reason step 5 would refuse to go up, every pending script checked. */
    public ValidationResult validate() {
        List<Migration> migrations;
        try {
            migrations = Listing.load(source, Optional.empty());
        } catch (InvalidMigrationException e) {
            // Listing stops at the first unusable file (telling layouts apart can mean reading one): report it.
            return new ValidationResult(List.of(e));
        }
        return shared.connected("validate the migrations", connection -> {
            MigrationStates states = shared.read(connection, migrations);
            List<MigrateException> problems = new ArrayList<>(states.problems(settings.outOfOrder(), true,
                    settings.allowDatabaseAhead(),
                    states.dirty() ? shared.running(connection, states) : Optional.empty()));
            problems.addAll(Preflight.problems(states.steps(Change.up()),
                    shared.repeatables(connection, source.repeatables(), states).due(Change.up())));
            return new ValidationResult(problems);
        });
    }

    /** Connects as a run's first connection would (waiting as the settings say), and how long that took. */
    public Duration awaitDatabase() {
        long started = System.nanoTime();
        return Connections.connected(shared.dataSource(), settings.databaseWait(), "reach the database",
                connection -> Duration.ofNanos(System.nanoTime() - started));
    }

    /** Which session holds the migration lock right now, if any; the lock is not taken. */
    public Optional<LockHolder> lockHolder() {
        return shared.connected("read who holds the migration lock",
                connection -> shared.advisoryLock(connection).holder());
    }
}
