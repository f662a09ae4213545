package dev.migrate.fleet;

import dev.migrate.MigrateResult;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A fleet's front door: one folder, migrated into many schemas of one database or many databases, by any number
 * of workers that share the work through a ledger in the control database. A layer above the engine: each target
 * is migrated by an ordinary {@code Migrator}, given one listing of the folder, so that a target can be examined
 * and repaired alone with the ordinary commands, pointed at it as the fleet points at it.
 *
 * <pre>{@code
 * FleetResult result = Fleet.builder(dataSource)
 *         .targets(TargetSelection.of(Target.Kind.SCHEMA, "tenant_%"))
 *         .migrator(ds -> Migrator.builder(ds).locations("filesystem:db/migrations"))
 *         .build().up();
 * }</pre>
 */
public final class Fleet {

    public static final int DEFAULT_PARALLEL = 4;
    public static final int DEFAULT_CONNECTIONS = 10;
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
    public static final String DEFAULT_LEDGER_TABLE = "migrate_fleet";

    private final FleetSettings settings;
    private volatile FleetRun running;

    Fleet(FleetSettings settings) {
        this.settings = settings;
    }

    public static FleetBuilder builder(DataSource control) {
        return new FleetBuilder(control);
    }

    /** Migrates every target this worker can claim, and waits for the rest as {@link FleetRun} describes. */
    public FleetResult up() {
        FleetRun run = new FleetRun(settings);
        running = run;
        try {
            return run.up();
        } finally {
            running = null;
        }
    }

    /**
     * Stops this process's {@link #up} from another thread, as a command line does on SIGINT or SIGTERM: no new
     * target is claimed, and each target running here has its statement in flight cancelled on the server (its
     * transaction rolls back) and its claim released for the other workers.
     *
     * @return whether targets were running here
     */
    public boolean cancel() {
        FleetRun run = running;
        return run != null && run.cancel();
    }

    /** Every target's state (current, behind, failed, dirty, in progress), changing nothing. */
    public FleetStatus status() {
        return new FleetReport(settings).status();
    }

    /** What {@code up} would apply to each target, in target order, changing nothing and taking no lock. */
    public java.util.List<TargetPlan> plan() {
        return new FleetReport(settings).plan();
    }

    /**
     * Migrates one target now, outside the ledger: a tenant a service has just created. It may be one the fleet
     * also runs at the same time; the target's own lock and history keep each migration to once.
     */
    public MigrateResult migrate(Target target) {
        return settings.migratorFor(target).build().migrate();
    }
}
