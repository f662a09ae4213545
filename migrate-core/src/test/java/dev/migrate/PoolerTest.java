package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrate.test.PgBouncer;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through a real PgBouncer (skipped where it is not installed; CI installs it). Every migration writes its version
 * into a ledger, so a migration applied twice would show there. No run may see pgjdbc's prepared statements
 * collide (42P05) in any pool mode.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PoolerTest {

    private static final int MIGRATIONS = 20;
    private static final int INSTANCES = 8;

    @TempDir
    Path dir;

    @BeforeEach
    void needsPgBouncer() {
        assumeTrue(PgBouncer.installed().isPresent(), "pgbouncer is not installed (Debian package pgbouncer)");
        MigrationFolder folder = new MigrationFolder(dir);
        folder.file("1_ledger.sql", "CREATE TABLE ledger (version int NOT NULL); INSERT INTO ledger VALUES (1);");
        for (int i = 2; i <= MIGRATIONS; i++) {
            folder.file(i + "_step.sql", "INSERT INTO ledger VALUES (" + i + ");" + (i % 5 == 0 ? " SELECT pg_sleep(0.1);" : ""));
        }
    }

    private Migrator migrator(DataSource dataSource) {
        return migrator(dataSource, Duration.ofSeconds(30));
    }

    private Migrator migrator(DataSource dataSource, Duration lockTimeout) {
        return Migrator.builder(dataSource).locations(dir.toString()).lockTimeout(lockTimeout).build();
    }

    /** Starts every instance at once, waits for all, and returns what each ended with (null for success). */
    private List<Throwable> startTogether(DataSource dataSource, Duration lockTimeout) throws InterruptedException {
        List<CompletableFuture<MigrateResult>> runs = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> migrator(dataSource, lockTimeout).migrate()));
        }
        List<Throwable> outcomes = new ArrayList<>();
        for (CompletableFuture<MigrateResult> run : runs) {
            try {
                run.get();
                outcomes.add(null);
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            }
        }
        return outcomes;
    }

    @Test
    void inSessionModeEightInstancesStartingTogetherAllSucceedAndApplyEachMigrationOnce(TestDatabase db)
            throws Exception {
        try (PgBouncer bouncer = PgBouncer.start(db, "session", 2 * INSTANCES + 2)) {
            List<Throwable> outcomes = startTogether(bouncer.dataSource(), Duration.ofSeconds(30));

            assertThat(outcomes).containsOnlyNulls();
            Ledger.assertEachAppliedOnce(db, MIGRATIONS);
        }
    }

    @Test
    void inTransactionModeARunThatSharesTheLocksSessionIsRefusedNamingThePoolModeAndLeavesNoLock(TestDatabase db) {
        // One server connection: the run's two connections must share it, so the shared session shows for sure.
        try (PgBouncer bouncer = PgBouncer.start(db, "transaction", 1)) {
            assertThatThrownBy(() -> migrator(bouncer.dataSource()).migrate())
                    .isInstanceOf(LockLostException.class)
                    .hasMessageContaining("the run's two connections reached the same server session (pid ")
                    .hasMessageContaining("PgBouncer with pool_mode = transaction or statement")
                    .hasMessageContaining("Nothing was changed, and the lock was released.")
                    .hasMessageEndingWith("Run migrations over a direct connection to PostgreSQL (Spring: "
                            + "database.migrations.url; CLI: -database), or through a pool in session mode "
                            + "(pool_mode = session).");
            assertThat(db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
            assertThat(db.tableExists("schema_migrations")).isFalse();
        }
    }

    @Test
    void inTransactionModeInstancesStartingTogetherNeverApplyAMigrationTwiceNorSeePreparedStatementsCollide(
            TestDatabase db) throws Exception {
        List<Throwable> failures = new ArrayList<>();
        try (PgBouncer bouncer = PgBouncer.start(db, "transaction", 4)) {
            for (int round = 0; round < 5; round++) {
                // A lock the pooler strands in one of its server sessions makes later runs wait: keep waits short.
                startTogether(bouncer.dataSource(), Duration.ofSeconds(3)).stream().filter(java.util.Objects::nonNull)
                        .forEach(failures::add);
            }
        }
        // Whatever the pooler did, the end state comes from a direct connection, as the docs advise.
        migrator(db.dataSource()).migrate();

        Ledger.assertEachAppliedOnce(db, MIGRATIONS);
        System.out.printf("transaction mode, %d runs: %d refused as sharing the lock's session, %d stopped on a lost "
                + "lock, %d timed out behind a lock the pooler stranded; each migration applied once%n",
                5 * INSTANCES, failures.stream().filter(f -> f.getMessage().contains("cannot keep runs apart")).count(),
                failures.stream().filter(f -> f.getMessage().startsWith("Lost the migration lock")).count(),
                failures.stream().filter(f -> f instanceof LockTimeoutException).count());
        assertThat(failures).allSatisfy(failure -> assertThat(failure)
                .isInstanceOfAny(LockLostException.class, LockTimeoutException.class)
                .satisfies(f -> assertThat(String.valueOf(f.getMessage())).doesNotContain("42P05")));
        // a lock lost to the pooler ends, as the shared-session refusal does, with the way out
        assertThat(failures).filteredOn(f -> String.valueOf(f.getMessage()).contains(LockLostException.SESSION_MOVED))
                .allSatisfy(f -> assertThat(f).hasMessageEndingWith("Run migrations over a direct connection to "
                        + "PostgreSQL (Spring: database.migrations.url; CLI: -database), or through a pool in session "
                        + "mode (pool_mode = session)."));
    }
}
