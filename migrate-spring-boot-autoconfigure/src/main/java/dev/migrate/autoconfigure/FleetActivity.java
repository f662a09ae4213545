package dev.migrate.autoconfigure;

import dev.migrate.MigrateResult;
import dev.migrate.fleet.Fleet;
import dev.migrate.fleet.FleetResult;
import dev.migrate.fleet.FleetStatus;
import dev.migrate.fleet.Target;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's fleet: its runs, its migrations of one new target, and the snapshot of its status that the
 * endpoint, health and meters read. Reading a large fleet's status takes a while, so a snapshot older than the
 * refresh period is read again in the background, never on the caller's thread, and only one at a time; the first
 * one is read at startup.
 */
public class FleetActivity {

    private static final Logger log = LoggerFactory.getLogger(FleetActivity.class);

    private final Fleet fleet;
    private final Duration refresh;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Snapshot snapshot;
    private volatile FleetResult lastRun;

    private record Snapshot(FleetStatus status, long readAtNanos) {
    }

    public FleetActivity(Fleet fleet, Duration refresh) {
        this.fleet = fleet;
        this.refresh = refresh;
    }

    public Fleet fleet() {
        return fleet;
    }

    /** Runs {@code fleet up} here and reads the status afterwards. */
    public FleetResult up() {
        FleetResult result = fleet.up();
        lastRun = result;
        read();
        return result;
    }

    /** Migrates one target now (a tenant just created), then reads the status again in the background. */
    public MigrateResult migrate(Target target) {
        MigrateResult result = fleet.migrate(target);
        refreshInBackground();
        return result;
    }

    /** Reads the status now, on this thread. */
    public FleetStatus read() {
        FleetStatus status = fleet.status();
        snapshot = new Snapshot(status, System.nanoTime());
        return status;
    }

    /** The last status read, read again in the background when older than the refresh period; empty before one. */
    public Optional<FleetStatus> status() {
        Snapshot known = snapshot;
        if (known == null || System.nanoTime() - known.readAtNanos() > refresh.toNanos()) {
            refreshInBackground();
        }
        return Optional.ofNullable(known).map(Snapshot::status);
    }

    /** What this process's last {@code fleet up} did, if it ran one. */
    public Optional<FleetResult> lastRun() {
        return Optional.ofNullable(lastRun);
    }

    private void refreshInBackground() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                read();
            } catch (RuntimeException e) {
                log.warn("could not read the fleet's status: {}", e.getMessage());
            } finally {
                refreshing.set(false);
            }
        }, "migrate-fleet-status");
        thread.setDaemon(true);
        thread.start();
    }
}
