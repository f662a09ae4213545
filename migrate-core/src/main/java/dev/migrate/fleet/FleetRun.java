package dev.migrate.fleet;

import dev.migrate.MigrateResult;
import dev.migrate.MigrationListing;
import dev.migrate.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One worker's {@code fleet up}, in this order:
 * <ol>
 *   <li>the targets are listed ({@link Targets}) and the folder once ({@link MigrationListing}); the release is
 *       the listing's fingerprint;</li>
 *   <li>the canary wave: the first {@code canary} targets, each claimed in the {@link Ledger} and run here or by
 *       another worker; once every one is settled, a failed one stops the fleet before anything else starts;</li>
 *   <li>the other targets, as many at once as the connections allow: claimed before they run, a batch of up to
 *       16 in one statement when there are many (one at a time when there are few), each skipped when another
 *       worker has it or it is settled, and settled in the ledger with the rest of its batch (a failure at once);
 *       with {@link OnError#STOP}, no target is claimed once any worker recorded a failure, and a worker in the
 *       middle of a batch starts no more of it once it learns of one (asked every 200 ms), releasing the rest; a
 *       batch whose targets are slow (a second has passed since it was claimed) hands its unstarted targets back
 *       too, to be shared out again rather than wait behind them;</li>
 *   <li>until every target is settled: targets whose worker's lease expired are taken over, others waited for;</li>
 *   <li>the targets are listed again, and one created meanwhile is migrated too.</li>
 * </ol>
 * While targets run here, a heartbeat renews their leases every third of the lease. Each target's run is the
 * engine's, exactly once on its own; the ledger only shares the work out.
 */
final class FleetRun {

    private static final Logger log = LoggerFactory.getLogger("dev.migrate");

    /** The most targets one claim takes. */
    private static final int MOST_AT_ONCE = 16;
    /** How long a worker keeps the unstarted targets of a batch before it hands them back. */
    private static final Duration MOST_HELD = Duration.ofSeconds(1);
    /** How often a worker in the middle of a batch asks whether a peer's target failed. */
    private static final Duration FAILURE_CHECK = Duration.ofMillis(200);

    private final FleetSettings settings;
    private final java.util.concurrent.atomic.AtomicLong lastFailureCheck =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private final Map<Target, TargetOutcome> outcomes = new ConcurrentHashMap<>();
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** The migrators running here now, to be cancelled on a signal. */
    private final Map<Target, dev.migrate.Migrator> migrators = new ConcurrentHashMap<>();
    private Ledger ledger;
    private MigrationListing listing;
    private String release;

    FleetRun(FleetSettings settings) {
        this.settings = settings;
    }

    FleetResult up() {
        long started = System.nanoTime();
        List<Target> targets = Targets.find(settings.control(), settings.targets());
        try (MigrationListing listed = settings.migrator().apply(settings.control()).build().list();
             Ledger opened = new Ledger(settings.control(), settings.ledgerTable(), settings.worker(),
                     settings.lease())) {
            listing = listed;
            ledger = opened;
            release = listed.fingerprint();
            ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("heartbeat"));
            ExecutorService pool = Executors.newFixedThreadPool(settings.running(), daemon("target"));
            long every = settings.lease().toMillis() / 3;
            heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
            try {
                List<Target> canaries = targets.subList(0, Math.min(settings.canary(), targets.size()));
                boolean canaryFailed = !wave(pool, canaries, true);
                List<Target> all = new ArrayList<>(targets);
                if (!canaryFailed) {
                    wave(pool, targets.subList(canaries.size(), targets.size()), false);
                    Set<Target> known = new HashSet<>(targets);
                    List<Target> added = Targets.find(settings.control(), settings.targets()).stream()
                            .filter(target -> !known.contains(target)).toList();
                    all.addAll(added);
                    wave(pool, added, false);
                }
                return result(all, canaryFailed, started);
            } finally {
                pool.shutdownNow();
                heartbeat.shutdownNow();
            }
        }
    }

    /**
     * Runs {@code wave} here as far as this worker can claim it, then, unless stopped (or {@code untilSettled} is
     * false and the fleet stops on errors), waits until every target of it is settled, taking over expired leases.
     *
     * @return whether none of the wave failed
     */
    private boolean wave(ExecutorService pool, List<Target> wave, boolean untilSettled) {
        Duration pause = Duration.ofMillis(Math.min(1000, settings.lease().toMillis() / 4));
        while (true) {
            List<Future<?>> runs = new ArrayList<>();
            int batch = untilSettled ? 1 : batchSize(wave.size());
            for (int from = 0; from < wave.size(); from += batch) {
                List<Target> claimed = wave.subList(from, Math.min(from + batch, wave.size()));
                runs.add(pool.submit(() -> claimAndRun(claimed)));
            }
            for (Future<?> run : runs) {
                await(run);
            }
            Map<String, Ledger.Row> rows = ledger.rows();
            List<Target> open = wave.stream().filter(target -> {
                Ledger.Row row = rows.get(key(target));
                return row == null || !row.settled(release);
            }).toList();
            boolean failed = wave.stream().map(target -> rows.get(key(target)))
                    .anyMatch(row -> row != null && row.settled(release) && row.state().equals("failed"));
            if (open.isEmpty() || stopped.get() || (failed && settings.onError() == OnError.STOP && !untilSettled)) {
                return !failed && open.isEmpty();
            }
            sleep(pause);
            wave = open;
        }
    }

    /**
     * Stops this worker: no new target is claimed, and each target running here has its statement in flight
     * cancelled on the server, so that its transaction rolls back rather than go on after the process is gone; their
     * claims are released for other workers at once.
     *
     * @return whether targets were running here
     */
    boolean cancel() {
        cancelled.set(true);
        stopped.set(true);
        boolean any = false;
        for (dev.migrate.Migrator migrator : migrators.values()) {
            any |= migrator.cancel();
        }
        return any;
    }

    /**
     * How many targets one claim takes: one while there are few targets for the threads (so that workers share them
     * out evenly), up to {@link #MOST_AT_ONCE} when there are thousands (so that the ledger is not a round trip per
     * target).
     */
    private int batchSize(int targets) {
        return Math.max(1, Math.min(MOST_AT_ONCE, targets / (settings.running() * 8)));
    }

    private void claimAndRun(List<Target> batch) {
        List<Target> open = batch.stream().filter(target -> {
            TargetOutcome known = outcomes.get(target);
            return known == null || known.state() == TargetOutcome.State.BY_ANOTHER_WORKER;
        }).toList(); // the others ran here already
        if (stopped.get() || open.isEmpty()) {
            return;
        }
        boolean stopOnFailure = settings.onError() == OnError.STOP;
        Map<String, Integer> attempts = ledger.claim(open.stream().map(FleetRun::key).toList(), release,
                settings.retryFailed(), stopOnFailure);
        if (attempts.isEmpty() && stopOnFailure && ledger.anyFailed(release, settings.retryFailed())) {
            stopped.set(true); // asked only when nothing was claimed: a failure anywhere stops this worker too
            return;
        }
        List<Target> claimed = new ArrayList<>();
        for (Target target : open) {
            if (attempts.containsKey(key(target))) {
                claimed.add(target);
                runningHere.add(key(target));
            } else {
                outcomes.putIfAbsent(target, TargetOutcome.notRunHere(target, TargetOutcome.State.BY_ANOTHER_WORKER));
            }
        }
        List<Ledger.Settled> done = new ArrayList<>();
        long batchStarted = System.nanoTime();
        try {
            for (int i = 0; i < claimed.size(); i++) {
                if (i > 0 && stopOnFailure && failedElsewhere()) {
                    stopped.set(true);
                }
                // Slow targets: the rest of the batch goes back to be shared out, not held behind them.
                boolean held = i > 0 && System.nanoTime() - batchStarted > MOST_HELD.toNanos();
                if (stopped.get() || held) {
                    List<Target> unstarted = claimed.subList(i, claimed.size());
                    ledger.releaseUnstarted(unstarted.stream().map(FleetRun::key).toList());
                    for (Target target : unstarted) {
                        runningHere.remove(key(target));
                        if (held) { // to be run by whichever worker claims it next, this one included
                            outcomes.putIfAbsent(target, TargetOutcome.notRunHere(target,
                                    TargetOutcome.State.BY_ANOTHER_WORKER));
                        }
                    }
                    return;
                }
                Target target = claimed.get(i);
                outcomes.put(target, runHere(target, attempts.get(key(target)), done));
            }
        } finally {
            ledger.settle(done);
            done.forEach(settled -> runningHere.remove(settled.target()));
        }
    }

    /**
     * Whether a target of this release failed in another worker, asked at most every {@link #FAILURE_CHECK}: a
     * worker between the targets of a batch it claimed learns of a peer's failure that soon, and starts no more.
     */
    private boolean failedElsewhere() {
        long now = System.nanoTime();
        long last = lastFailureCheck.get();
        if (now - last < FAILURE_CHECK.toNanos() || !lastFailureCheck.compareAndSet(last, now)) {
            return false;
        }
        return ledger.anyFailed(release, settings.retryFailed());
    }

    /**
     * Migrates {@code target} with the shared listing; a success joins {@code done}, to be settled with the rest of
     * its batch, and a failure is settled in the ledger at once (a peer stops on it), never thrown.
     */
    private TargetOutcome runHere(Target target, int attempt, List<Ledger.Settled> done) {
        long started = System.nanoTime();
        String key = key(target);
        MDC.put(dev.migrate.Migrator.LOG_TARGET, target.name());
        try {
            dev.migrate.Migrator migrator = settings.migratorFor(target).listing(listing).build();
            migrators.put(target, migrator);
            if (cancelled.get()) {
                migrator.cancel();
            }
            MigrateResult result = migrator.migrate();
            String version = result.version().map(Version::toString).orElse(null);
            done.add(new Ledger.Settled(key, "done", version, result.applied().size(), null));
            return new TargetOutcome(target, TargetOutcome.State.DONE, result.applied().size(),
                    java.util.Optional.ofNullable(version), java.util.Optional.empty(), took(started), attempt);
        } catch (RuntimeException e) {
            String error = String.valueOf(e.getMessage());
            if (cancelled.get()) {
                // Not the target's failure: this worker was stopped. Another takes it over at once.
                ledger.release(List.of(key));
            } else {
                log.warn("fleet: {} failed: {}", target, error);
                if (settings.onError() == OnError.STOP) {
                    stopped.set(true);
                }
                ledger.settle(List.of(new Ledger.Settled(key, "failed", null, 0, error)));
            }
            runningHere.remove(key);
            return new TargetOutcome(target, TargetOutcome.State.FAILED, 0, java.util.Optional.empty(),
                    java.util.Optional.of(error), took(started), attempt);
        } finally {
            MDC.remove(dev.migrate.Migrator.LOG_TARGET);
            migrators.remove(target);
        }
    }

    private void renew() {
        try {
            ledger.renew(List.copyOf(runningHere));
        } catch (RuntimeException e) {
            log.warn("fleet: could not renew the leases of {}: {}", runningHere, e.getMessage());
        }
    }

    private FleetResult result(List<Target> targets, boolean canaryFailed, long started) {
        Map<Target, TargetOutcome> ordered = new LinkedHashMap<>();
        for (Target target : targets) {
            ordered.put(target, outcomes.getOrDefault(target,
                    TargetOutcome.notRunHere(target, TargetOutcome.State.NOT_STARTED)));
        }
        return new FleetResult(release, List.copyOf(ordered.values()), ledger.failed(release), canaryFailed,
                took(started));
    }

    static String key(Target target) {
        return (target.kind() == Target.Kind.SCHEMA ? "schema:" : "database:") + target.name();
    }

    private static Duration took(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Waits for a target's run; once cancelled, through interrupts too, so that every target unwinds first. */
    private void await(Future<?> run) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    run.get();
                    return;
                } catch (InterruptedException e) {
                    if (!cancelled.get()) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("the fleet's run was interrupted", e);
                    }
                    interrupted = true;
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!cancelled.get()) {
                throw new IllegalStateException("the fleet's run was interrupted", e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "migrate-fleet-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
