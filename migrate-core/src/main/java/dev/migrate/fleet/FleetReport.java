package dev.migrate.fleet;

import dev.migrate.Change;
import dev.migrate.MigrateException;
import dev.migrate.MigrationListing;
import dev.migrate.MigratorBuilder;
import dev.migrate.Status;
import dev.migrate.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * {@code fleet status} and {@code fleet plan}: each target's own status or plan, read with one shared listing, as
 * many at once as a fleet run would run, and the ledger read (never created) for the failures and leases of the
 * listing's release. Nothing is changed, no lock is taken.
 */
final class FleetReport {

    private final FleetSettings settings;

    FleetReport(FleetSettings settings) {
        this.settings = settings;
    }

    FleetStatus status() {
        List<Target> targets = Targets.find(settings.control(), settings.targets());
        try (MigrationListing listing = settings.migrator().apply(settings.control()).build().list()) {
            Map<String, Ledger.Row> rows = Ledger.peek(settings.control(), settings.ledgerTable());
            return new FleetStatus(listing.size(), each(targets,
                    target -> status(target, listing, rows.get(FleetRun.key(target)))));
        }
    }

    /** What {@code fleet up} would apply to each target, in target order: each one's own plan. */
    List<TargetPlan> plan() {
        List<Target> targets = Targets.find(settings.control(), settings.targets());
        try (MigrationListing listing = settings.migrator().apply(settings.control()).build().list()) {
            return each(targets, target -> {
                try {
                    return new TargetPlan(target, Optional.of(migrator(target, listing).build().plan(Change.up())),
                            Optional.empty());
                } catch (MigrateException e) {
                    return new TargetPlan(target, Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
                }
            });
        }
    }

    /** {@code read} for every target, as many at once as a fleet run would run, in target order. */
    private <T> List<T> each(List<Target> targets, Function<Target, T> read) {
        ExecutorService pool = Executors.newFixedThreadPool(settings.running());
        try {
            List<Future<T>> reads = new ArrayList<>();
            for (Target target : targets) {
                reads.add(pool.submit(() -> read.apply(target)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> one : reads) {
                results.add(one.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reading the fleet was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A target's migrator for reading: a schema target's history is read by its schema-qualified name, so the
     * search_path is left as it is (setting it, and resetting it after, would be two more round trips a target).
     */
    private MigratorBuilder migrator(Target target, MigrationListing listing) {
        MigratorBuilder builder = settings.migrator().apply(settings.dataSource(target)).listing(listing);
        if (target.kind() == Target.Kind.SCHEMA) {
            builder.schema(target.name());
        }
        return builder;
    }

    private TargetStatus status(Target target, MigrationListing listing, Ledger.Row row) {
        Status status;
        try {
            status = migrator(target, listing).build().status();
        } catch (MigrateException e) {
            return new TargetStatus(target, TargetStatus.State.FAILED, Optional.empty(), listing.size(),
                    Optional.of(String.valueOf(e.getMessage())));
        }
        Optional<String> version = status.version().map(Version::toString);
        int pending = status.pending().size();
        boolean ofRelease = row != null && row.release().equals(listing.fingerprint());
        TargetStatus.State state = status.dirty() ? TargetStatus.State.DIRTY
                : ofRelease && row.state().equals("running") && !row.leaseExpired() ? TargetStatus.State.IN_PROGRESS
                : ofRelease && row.state().equals("failed") && pending > 0 ? TargetStatus.State.FAILED
                : pending > 0 ? TargetStatus.State.BEHIND : TargetStatus.State.CURRENT;
        Optional<String> error = state == TargetStatus.State.FAILED ? Optional.ofNullable(row.lastError())
                : Optional.empty();
        return new TargetStatus(target, state, version, pending, error);
    }
}
