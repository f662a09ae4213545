package dev.migrate.fleet;

import dev.migrate.Migrator;
import dev.migrate.MigratorBuilder;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/** Configures a {@link Fleet}; every setting but the targets has a default. */
public final class FleetBuilder {

    private final DataSource control;
    private TargetSelection targets;
    private Function<DataSource, MigratorBuilder> migrator = Migrator::builder;
    private Function<Target, DataSource> databases;
    private int parallel = Fleet.DEFAULT_PARALLEL;
    private int connections = Fleet.DEFAULT_CONNECTIONS;
    private int canary;
    private OnError onError = OnError.STOP;
    private Duration lease = Fleet.DEFAULT_LEASE;
    private String ledgerTable = Fleet.DEFAULT_LEDGER_TABLE;
    private boolean retryFailed;
    private String worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    FleetBuilder(DataSource control) {
        this.control = Objects.requireNonNull(control, "control");
    }

    /** The schemas of the control database, or the databases, that the fleet is. */
    public FleetBuilder targets(TargetSelection targets) {
        this.targets = Objects.requireNonNull(targets, "targets");
        return this;
    }

    /**
     * The settings every target's run shares (locations, layout, placeholders, history table, lock guard), as a
     * builder for a data source: the fleet adds the shared listing and, for a schema target, its schema. Default:
     * {@code Migrator::builder}, the engine's defaults.
     */
    public FleetBuilder migrator(Function<DataSource, MigratorBuilder> migrator) {
        this.migrator = Objects.requireNonNull(migrator, "migrator");
        return this;
    }

    /** The data source of a database target (by its name on the control server, or the URL a query gave). */
    public FleetBuilder databases(Function<Target, DataSource> databases) {
        this.databases = Objects.requireNonNull(databases, "databases");
        return this;
    }

    /** How many targets this process migrates at once. Default 4. */
    public FleetBuilder parallel(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be 1 or more, was " + parallel);
        }
        this.parallel = parallel;
        return this;
    }

    /**
     * The most connections this process opens to the server: one for the ledger, and two for each target running
     * (its run and its lock), so that fewer targets run at once than {@link #parallel} asks when it does not allow
     * them. Default 10; at least 3.
     */
    public FleetBuilder connections(int connections) {
        if (connections < 3) {
            throw new IllegalArgumentException("a fleet needs at least 3 connections (one for its ledger, two for "
                    + "a target's run and its lock), was given " + connections);
        }
        this.connections = connections;
        return this;
    }

    /** The first {@code canary} targets, in target order, run first; the rest start only if all of them succeeded. */
    public FleetBuilder canary(int canary) {
        if (canary < 0) {
            throw new IllegalArgumentException("canary must be 0 or more, was " + canary);
        }
        this.canary = canary;
        return this;
    }

    /** What to do after a target fails. Default {@link OnError#STOP}. */
    public FleetBuilder onError(OnError onError) {
        this.onError = Objects.requireNonNull(onError, "onError");
        return this;
    }

    /** How long a worker's claim on a target lasts unless renewed (it is, every third of it). Default 60 s. */
    public FleetBuilder lease(Duration lease) {
        if (lease == null || lease.toMillis() < 300) {
            throw new IllegalArgumentException("the lease must be at least 300 ms, was " + lease);
        }
        this.lease = lease;
        return this;
    }

    /** The ledger's table in the control database. Default {@code migrate_fleet}. */
    public FleetBuilder ledgerTable(String ledgerTable) {
        if (ledgerTable == null || ledgerTable.isBlank()) {
            throw new IllegalArgumentException("the ledger table's name must not be empty");
        }
        this.ledgerTable = ledgerTable;
        return this;
    }

    /** Whether targets that failed in this release are tried again (after the cause was fixed). Default false. */
    public FleetBuilder retryFailed(boolean retryFailed) {
        this.retryFailed = retryFailed;
        return this;
    }

    /** This worker's name in the ledger. Default: the JVM's name (pid@host) and a random suffix. */
    public FleetBuilder worker(String worker) {
        this.worker = Objects.requireNonNull(worker, "worker");
        return this;
    }

    public Fleet build() {
        if (targets == null) {
            throw new IllegalStateException("a fleet needs its targets: give targets(...) schemas or databases");
        }
        if (targets.kind() == Target.Kind.DATABASE && databases == null) {
            throw new IllegalStateException("a fleet of databases needs databases(...): how to reach each one");
        }
        return new Fleet(new FleetSettings(control, targets, migrator, databases, parallel, connections, canary,
                onError, lease, ledgerTable, retryFailed, worker));
    }
}
