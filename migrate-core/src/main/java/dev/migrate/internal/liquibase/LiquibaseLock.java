package dev.migrate.internal.liquibase;

import dev.migrate.LockTimeoutException;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.Claimants;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;

/**
 * Liquibase's lock, held by a run of migrate: taken as Liquibase takes it, waited for while a Liquibase holds it
 * (polling each second up to the lock timeout, saying who holds it every ten), and given back when closed. A lock
 * left by a migrate whose server session is gone (the process died holding it) is taken over, since migrate's own
 * advisory lock, held first, says no other migrate runs; a Liquibase's lock is never broken.
 */
public final class LiquibaseLock implements AutoCloseable {

    private static final Logger log = ProgressLog.LOG;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final Connection connection;
    private final DataSource dataSource;
    private final LiquibaseTables tables;
    private final String signature;

    private LiquibaseLock(Connection connection, DataSource dataSource, LiquibaseTables tables, String signature) {
        this.connection = connection;
        this.dataSource = dataSource;
        this.tables = tables;
        this.signature = signature;
    }

    /**
     * Takes the lock on {@code connection}, creating Liquibase's tables first where they are not there.
     *
     * @param dataSource where to give the lock back from if the run's connection is gone by then
     * @throws LockTimeoutException naming the holder when it is still held after {@code timeout}
     */
    public static LiquibaseLock take(Connection connection, DataSource dataSource, LiquibaseTables tables,
            Duration timeout) throws SQLException {
        tables.create(connection);
        String signature = LiquibaseTables.signature(connection, Claimants.of(connection));
        long started = System.nanoTime();
        Duration nextReport = REPORT_EVERY;
        while (!tables.take(connection, signature)) {
            Optional<String> holder = tables.holder(connection);
            if (holder.isEmpty()) {
                continue; // let go meanwhile
            }
            Optional<String> session = LiquibaseTables.migrateSession(holder.get());
            if (session.isPresent() && Claimants.alive(connection, session.get()).isEmpty()
                    && tables.takeOver(connection, holder.get(), signature)) {
                log.info("took over Liquibase's lock ({}) left by a migrate whose server session is gone ({})",
                        tables.lock(), holder.get());
                break;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (waited.compareTo(timeout) >= 0) {
                throw LockTimeoutException.liquibaseLock(tables.lock(), waited, holder.get());
            }
            if (waited.compareTo(nextReport) >= 0) {
                log.info("waiting for Liquibase's lock ({}), held by {}", tables.lock(), holder.get());
                nextReport = waited.plus(REPORT_EVERY);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), timeout.minus(waited).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw LockTimeoutException.liquibaseLock(tables.lock(), waited, holder.get());
            }
        }
        return new LiquibaseLock(connection, dataSource, tables, signature);
    }

    /** Gives the lock back, from a new connection if the run's is gone; a failure is logged, never thrown. */
    @Override
    public void close() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            tables.release(connection, signature);
        } catch (SQLException e) {
            try (Connection fresh = dataSource.getConnection()) {
                fresh.setAutoCommit(true);
                tables.release(fresh, signature);
            } catch (SQLException again) {
                e.addSuppressed(again);
                log.warn("could not give back Liquibase's lock ({}); the next migrate run takes it over, and {} "
                        + "releases it for Liquibase", tables.lock(), "'liquibase release-locks'", e);
            }
        }
    }
}
