package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Many instances at once, and the advisory lock that keeps them apart. Timeouts here only guard against hangs. */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LockTest {

    @TempDir
    Path dir;

    private MigrationFolder folder() {
        return new MigrationFolder(dir);
    }

    private MigratorBuilder builder(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations(dir.toString());
    }

    /** Holds the lock that migrators of this database use, from a session of its own. */
    private Connection holdLock(TestDatabase db, String applicationName) throws SQLException {
        Connection connection = db.dataSource().getConnection();
        connection.setClientInfo("ApplicationName", applicationName);
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            statement.setLong(1, AdvisoryLock.key(db.name(), null, Migrator.DEFAULT_TABLE));
            statement.execute();
        }
        return connection;
    }

    @Test
    void eightInstancesStartingAtOnceApplyEachMigrationExactlyOnce(TestDatabase db) throws Exception {
        for (int i = 1; i <= 20; i++) {
            // CREATE TABLE fails if run twice, so every run succeeding proves each ran once.
            folder().file(i + "_table_" + i + ".sql", "CREATE TABLE t" + i + " (id int);"
                    + (i == 1 ? " SELECT pg_sleep(0.3);" : ""));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return builder(db).build().migrate();
            }));
        }
        start.countDown();

        int applied = 0;
        for (Future<MigrateResult> run : runs) {
            MigrateResult result = run.get();
            applied += result.applied().size();
            assertThat(result.version()).contains(new Version(20));
        }
        pool.shutdown();

        assertThat(applied).isEqualTo(20);
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("20");
        assertThat(db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
    }

    @Test
    void aConcurrentIndexBuildSucceedsWhileOtherInstancesWaitForTheLock(TestDatabase db) throws Exception {
        folder().file("1_orders.sql", "CREATE TABLE orders (id int, status text);"
                        + "INSERT INTO orders SELECT g, 'open' FROM generate_series(1, 20000) g;")
                .file("2_orders_status.sql", """
                        -- migrate:no-transaction
                        SELECT pg_sleep(1);
                        CREATE INDEX CONCURRENTLY orders_status ON orders (status) WHERE status = 'open';
                        """);
        CountDownLatch locked = new CountDownLatch(1);
        List<LockHolder> seenHolders = new CopyOnWriteArrayList<>();
        MigrationListener waiting = new MigrationListener() {
            @Override
            public void lockWaiting(LockHolder holder, Duration waited) {
                seenHolders.add(holder);
            }
        };
        MigrationListener first = new MigrationListener() {
            @Override
            public void lockAcquired(Duration waited) {
                locked.countDown();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<MigrateResult> leader = pool.submit(() -> builder(db).listener(first).build().migrate());
        assertThat(locked.await(60, TimeUnit.SECONDS)).isTrue();
        Future<MigrateResult> second = pool.submit(() -> builder(db).listener(waiting).build().migrate());
        Future<MigrateResult> third = pool.submit(() -> builder(db).listener(waiting).build().migrate());

        assertThat(leader.get().applied()).hasSize(2);
        assertThat(second.get().upToDate()).isTrue();
        assertThat(third.get().upToDate()).isTrue();
        pool.shutdown();

        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_status'::regclass"))
                .isEqualTo("t");
        assertThat(seenHolders).isNotEmpty().allSatisfy(holder -> assertThat(holder.since()).isNotNull());
    }

    @Test
    void timesOutNamingTheSessionThatHoldsTheLock(TestDatabase db) throws Exception {
        folder().file("1_one.sql", "CREATE TABLE one ();");
        try (Connection holder = holdLock(db, "orders-api")) {
            int pid = pid(holder);

            LockTimeoutException failure = catchThrowableOfType(LockTimeoutException.class,
                    () -> builder(db).lockTimeout(Duration.ofMillis(300)).build().migrate());

            assertThat(failure.holder()).hasValueSatisfying(h -> {
                assertThat(h.pid()).isEqualTo(pid);
                assertThat(h.applicationName()).isEqualTo("orders-api");
            });
            assertThat(failure.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            // the wait as it prints: 300 ms or more, in seconds on a loaded machine
            assertThat(failure.getMessage()).matches("Timed out after (\\d+ ms|\\d+\\.\\d s) waiting for the "
                    + "migration lock \\(advisory lock -?\\d+ for schema_migrations in database " + db.name()
                    + "\\), held by pid " + pid + " \\(application_name 'orders-api'\\)( from \\S+)? since \\S+\\. "
                    + "Another migration run is in progress: wait for it to finish, or raise the lock timeout\\. If that "
                    + "process is stuck, end its session with SELECT pg_terminate_backend\\(" + pid + "\\)\\.");
        }
        assertThat(db.tableExists("one")).isFalse();
    }

    @Test
    void reportsWhoHoldsTheLockWithoutTakingIt(TestDatabase db) throws Exception {
        folder().file("1_one.sql", "CREATE TABLE one ();");
        assertThat(builder(db).build().lockHolder()).isEmpty();
        try (Connection holder = holdLock(db, "deploy-job")) {
            int pid = pid(holder);

            assertThat(builder(db).build().lockHolder()).hasValueSatisfying(h -> {
                assertThat(h.applicationName()).isEqualTo("deploy-job");
                assertThat(h.pid()).isEqualTo(pid);
            });
        }
    }

    @Test
    void anInstanceWithNothingToDoTakesNoLock(TestDatabase db) throws Exception {
        folder().file("1_one.sql", "CREATE TABLE one ();");
        builder(db).build().migrate();
        try (Connection ignored = holdLock(db, "long-migration")) {

            MigrateResult result = builder(db).lockTimeout(Duration.ZERO).build().migrate();

            assertThat(result.upToDate()).isTrue();
            assertThat(result.lockWait()).isEmpty();
        }
    }

    @Test
    void releasesTheLockWhenAMigrationFails(TestDatabase db) {
        folder().file("1_bad.sql", "SELECT * FROM nowhere;");

        catchThrowableOfType(MigrationFailedException.class, () -> builder(db).build().migrate());

        assertThat(db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             var row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }
}
