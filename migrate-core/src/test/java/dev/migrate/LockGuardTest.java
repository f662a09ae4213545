package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The lock guard against the classic outage: a migration's ALTER TABLE waits behind a long transaction and every
 * reader of the table queues behind the ALTER. With the guard, the ALTER gives way after the lock timeout, so the
 * readers' worst wait stays near it, and the migration is applied once the long transaction ends.
 */
class LockGuardTest extends FolderTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(400);

    private Migrator guarded(TestDatabase db, int retries) {
        return Migrator.builder(db.dataSource()).locations(dir.toString()).statementLockTimeout(LOCK_TIMEOUT)
                .lockRetries(retries).build();
    }

    /** A session that has read the table in a transaction it keeps open: it holds ACCESS SHARE on it. */
    private static Connection longReader(TestDatabase db) throws Exception {
        Connection connection = db.dataSource().getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = 'long-report'");
            statement.executeQuery("SELECT count(*) FROM accounts").close();
        }
        return connection;
    }

    /** Runs the migrations while a long reader holds the table for {@code holdMillis}, then lets it finish. */
    private MigrateResult migrateWhileBlocked(TestDatabase db, int retries, long holdMillis) throws Exception {
        try (Connection blocker = longReader(db)) {
            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(() -> guarded(db, retries).migrate());
            Thread.sleep(holdMillis);
            blocker.commit();
            return migration.get(60, TimeUnit.SECONDS);
        }
    }

    private void accounts(TestDatabase db) {
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id int);\nINSERT INTO accounts VALUES (1), (2);");
        guarded(db, 0).migrate();
    }

    /** How long the long report blocks the migration's ALTER in the test below. */
    private static final long BLOCKED_MILLIS = 6_000;

    @Test
    void readersNeverWaitMuchLongerThanTheLockTimeoutAndTheMigrationIsAppliedOnceTheBlockerEnds(TestDatabase db)
            throws Exception {
        accounts(db);
        folder().file("2_email.up.sql", "ALTER TABLE accounts ADD COLUMN email text;");
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong worstMillis = new AtomicLong();
        try (Connection blocker = longReader(db)) {
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                    while (reading.get()) {
                        long started = System.nanoTime();
                        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM accounts")) {
                            rows.next();
                        }
                        worstMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<MigrateResult> migration = CompletableFuture.supplyAsync(() -> guarded(db, 20).migrate());
            Thread.sleep(BLOCKED_MILLIS); // the long report goes on; the migration tries and gives way, again and again
            assertThat(migration).isNotDone();
            blocker.commit();

            MigrateResult result = migration.get(60, TimeUnit.SECONDS);
            reading.set(false);
            reader.get(10, TimeUnit.SECONDS);

            assertThat(result.applied()).extracting(m -> m.version().toString()).containsExactly("2");
        }
        // Without the guard a reader queues behind the ALTER for about as long as the report blocks it (6 s); with it,
        // about the lock timeout (0.4 s). Half the block tells the two apart with seconds to spare for a loaded
        // machine's scheduling delays, where lock timeout + 1 s did not.
        assertThat(worstMillis.get()).isLessThan(BLOCKED_MILLIS / 2);
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations ORDER BY version"))
                .containsExactly("1:false", "2:false");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts'"))
                .isEqualTo("2");
    }

    @Test
    void whenTheTriesRunOutTheFailureNamesTheBlockerAndNothingWasApplied(TestDatabase db) throws Exception {
        accounts(db);
        folder().file("2_email.up.sql", "ALTER TABLE accounts ADD COLUMN email text;");
        try (Connection blocker = longReader(db)) {
            int pid = blocker.unwrap(org.postgresql.PGConnection.class).getBackendPID();

            MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                    () -> guarded(db, 1).migrate());

            assertThat(failure).hasMessageContaining("A statement did not get its lock within the lock timeout (400 ms), "
                    + "2 times, blocked by pid " + pid + " (application 'long-report', idle in transaction, "
                    + "transaction open ")
                    .hasMessageContaining("SELECT count(*) FROM accounts)")
                    .hasMessageContaining("nothing of it was applied")
                    .hasMessageContaining("SELECT pg_terminate_backend(pid)");
            assertThat(failure.error().sqlState()).isEqualTo("55P03");
            blocker.rollback();
        }
        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactly("1");
    }

    @Test
    void aScriptsOwnLockTimeoutLetsItWaitLongerThanTheRunsAndIsCheckedBeforeAnythingRuns(TestDatabase db)
            throws Exception {
        accounts(db);
        folder().file("2_email.up.sql", "-- migrate:lock-timeout 10s\nALTER TABLE accounts ADD COLUMN email text;");
        // Well past the run's 400 ms, with no retries left: only the script's own 10 s holds it.
        assertThat(migrateWhileBlocked(db, 0, 1_500).applied()).hasSize(1);
        folder().file("3_bad.up.sql", "-- migrate:statement-timeout soon\nSELECT 1;");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guarded(db, 0).migrate())
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("sets migrate:statement-timeout to 'soon'; write a time as PostgreSQL reads it");
    }

    @Test
    void aConcurrentIndexWaitsForOlderTransactionsAsItMustInsteadOfLeavingAnInvalidIndex(TestDatabase db)
            throws Exception {
        accounts(db);
        folder().file("2_index.up.sql", "CREATE INDEX CONCURRENTLY accounts_id ON accounts (id);");
        assertThat(migrateWhileBlocked(db, 0, 1_500).applied()).hasSize(1);
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_id'::regclass")).isEqualTo("t");
    }

    @Test
    void withoutATransactionOnlyTheStatementThatDidNotGetItsLockIsTriedAgain(TestDatabase db) throws Exception {
        accounts(db);
        folder().file("2_split.up.sql", "-- migrate:no-transaction\nCREATE TABLE audit (id int);\n"
                + "ALTER TABLE accounts ADD COLUMN email text;\n");
        assertThat(migrateWhileBlocked(db, 20, 1_500).applied()).hasSize(1);
        assertThat(db.tableExists("audit")).isTrue();
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations ORDER BY version"))
                .containsExactly("1:false", "2:false");
    }
}
