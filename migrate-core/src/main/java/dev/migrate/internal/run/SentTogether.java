package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Direction;
import dev.migrate.HistoryTableException;
import dev.migrate.Migration;
import dev.migrate.MigrationListener;
import dev.migrate.Version;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.ClaimText;
import dev.migrate.internal.postgres.ScriptBatch;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Steps sent to the server in one message ({@link ScriptBatch}), each in a block of its own with its row's claim,
 * its row's time taken and a check that its row is still there: a failure leaves the blocks before it committed,
 * its own rolled back and those after it never run. Their listener events come when the message returns, in
 * order, each migration's time as the server counted it.
 */
final class SentTogether {

    private static final Logger log = ProgressLog.LOG;

    private final Session session;
    private final BlockerWatch watch;
    private final StepFailures failures;

    SentTogether(Session session, BlockerWatch watch) {
        this.session = session;
        this.watch = watch;
        this.failures = new StepFailures(session);
    }

    /**
     * Sends {@code together} as one message and reports each migration that committed, in order, with the time the
     * server counted for it, adding its row to {@code rows}; a failed one is reported as a step alone reports it.
     *
     * @param attempt the first step's attempt (the lock guard tries a step that did not get its lock again)
     * @param version the applied version before the first step
     * @param recorded how many rows the history table holds before the first step, by this run's count
     * @return how many committed; fewer than all when the next one is to be tried again
     * @throws Overtaken if another run recorded a step's version first
     */
    int send(List<Together> together, int attempt, Optional<Version> version, long recorded,
            List<AppliedMigration> rows) {
        Migration first = together.get(0).step().migration();
        MigrationListener listener = session.listener();
        if (attempt == 1) {
            listener.migrationStarted(first, Direction.UP);
        }
        List<ScriptBatch.Part> parts = together.stream().map(Together::part).toList();
        watch.begin();
        try {
            List<Long> took = ScriptBatch.run(session.connection(), parts, ClaimText.TOOK, ClaimText.SETTLE_CHECK);
            applied(together, took, rows);
            return together.size();
        } catch (ScriptBatch.Failure failure) {
            List<String> blockers = watch.end();
            int committed = failure.part();
            applied(together.subList(0, committed), failure.values(), rows);
            Optional<Version> previous = Execution.after(together.subList(0, committed), version);
            Step failed = together.get(committed).step();
            if (committed > 0) {
                listener.migrationStarted(failed.migration(), Direction.UP);
            }
            SQLException e = failure.error();
            if (failure.inScript().isPresent()) {
                failures.retryOrThrow(failed, failure.inScript().get(), previous, committed == 0 ? attempt : 1,
                        blockers);
                return committed;
            }
            if ("23505".equals(e.getSQLState())) {
                throw new Overtaken(failed, rows); // the claim found the version recorded: nothing after it ran
            }
            String history = session.history().name();
            // The script removed its own row, or the whole table (42P01), as settle reports it on its own.
            if (String.valueOf(e.getMessage()).contains(ClaimText.ROW_GONE) || "42P01".equals(e.getSQLState())) {
                throw HistoryTableException.rowVanished(history, failed.migration(), true);
            }
            if (String.valueOf(e.getMessage()).contains(ClaimText.ROWS_CHANGED)) {
                String found = e.getMessage().replaceAll("(?s).*" + ClaimText.ROWS_CHANGED + " \\((\\d+)\\).*", "$1");
                throw HistoryTableException.rowsChanged(history, failed.migration(), recorded + committed + 1,
                        Long.parseLong(found));
            }
            throw failures.recordFailed(failed.migration(), e, together.subList(committed, together.size()));
        } catch (SQLException e) {
            throw failures.recordFailed(first, e, together);
        } finally {
            watch.end();
        }
    }

    /** Reports the migrations of a message that committed, each with the time the server counted for it. */
    private void applied(List<Together> committed, List<Long> took, List<AppliedMigration> rows) {
        for (int i = 0; i < committed.size(); i++) {
            Migration migration = committed.get(i).step().migration();
            AppliedMigration claimed = committed.get(i).row();
            AppliedMigration applied = new AppliedMigration(claimed.version(), claimed.description(),
                    claimed.checksum(), false, claimed.appliedAt(), i < took.size() ? took.get(i) : 0,
                    claimed.appliedBy());
            if (i > 0) {
                session.listener().migrationStarted(migration, Direction.UP);
            }
            log.info("applied migration {} in {} ms", migration.label(), applied.executionMs());
            session.listener().migrationApplied(migration, applied);
            rows.add(applied);
        }
    }
}
