package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once, whatever happens to the lock's session. Every migration here writes its version into a ledger
 * that nothing else touches, in its own transaction: a migration applied twice leaves its version there twice,
 * which no other check would see (the scripts themselves would succeed both times).
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LostLockTest {

    @TempDir
    Path dir;

    private void slowLedgerMigrations(int count, double seconds) {
        MigrationFolder folder = new MigrationFolder(dir);
        folder.file("1_ledger.sql", "CREATE TABLE ledger (version int NOT NULL, at timestamptz DEFAULT clock_timestamp());"
                + " INSERT INTO ledger (version) VALUES (1);");
        for (int i = 2; i <= count; i++) {
            folder.file(i + "_step_" + i + ".sql", "INSERT INTO ledger (version) VALUES (" + i + "); SELECT pg_sleep("
                    + seconds + ");");
        }
    }

    private MigratorBuilder builder(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations(dir.toString()).lockTimeout(java.time.Duration.ofSeconds(60));
    }

    /** Ends the session that holds this database's migration lock, as an operator's pg_terminate_backend does. */
    private static void terminateLockSession(TestDatabase db) {
        long key = AdvisoryLock.key(db.name(), null, Migrator.DEFAULT_TABLE);
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 "
                + "AND classid::bigint = " + (key >>> 32) + " AND objid::bigint = " + (key & 0xFFFF_FFFFL));
    }

    private static boolean allApplied(TestDatabase db, int count) {
        return db.tableExists("schema_migrations")
                && String.valueOf(count).equals(db.value("SELECT count(*) FROM schema_migrations WHERE NOT dirty"));
    }

    @Test
    void aRunWhoseLockSessionIsTerminatedStopsAndTheRunThatTakesOverAppliesTheRestOnce(TestDatabase db)
            throws Exception {
        slowLedgerMigrations(6, 0.4);
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<CompletableFuture<MigrateResult>> second = new ArrayList<>();
        MigrationListener killer = new MigrationListener() {
            @Override
            public void migrationStarted(Migration migration, Direction direction) {
                if (migration.version().asLong().orElseThrow() == 2) {
                    terminateLockSession(db);
                    second.add(CompletableFuture.supplyAsync(() -> builder(db).build().migrate()));
                    secondStarted.countDown();
                }
            }
        };

        assertThatThrownBy(() -> builder(db).listener(killer).build().migrate())
                .isInstanceOfSatisfying(LockLostException.class, e -> assertThat(e.applied())
                        .extracting(m -> m.version().asLong().orElseThrow()).startsWith(1L, 2L))
                .hasMessageContaining("its session ended (")
                .hasMessageContaining("none was applied twice");
        secondStarted.await();
        MigrateResult takenOver = second.get(0).get();

        assertThat(takenOver.version()).contains(new Version(6));
        assertThat(takenOver.applied()).extracting(m -> m.version().asLong().orElseThrow()).doesNotContain(1L, 2L);
        Ledger.assertEachAppliedOnce(db, 6);
    }

    @Test
    void runsWhoseLockSessionsTimeOutWhileIdleNeverApplyAMigrationTwice(TestDatabase db) throws Exception {
        slowLedgerMigrations(8, 0.6);
        // The lock's session idles while the run works on its other connection: the server ends it.
        db.execute("ALTER DATABASE \"" + db.name() + "\" SET idle_session_timeout = '300ms'");
        List<Throwable> failures = new ArrayList<>();
        for (int round = 0; round < 20 && !allApplied(db, 8); round++) {
            // Two instances at once, restarted until the work is done, as an orchestrator restarts failed pods.
            CompletableFuture<MigrateResult> a = CompletableFuture.supplyAsync(() -> builder(db).build().migrate());
            CompletableFuture<MigrateResult> b = CompletableFuture.supplyAsync(() -> builder(db).build().migrate());
            for (CompletableFuture<MigrateResult> run : List.of(a, b)) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
        }

        // A run stops when its lock session ended; one still waiting for the lock may find its own idle
        // connection ended. Both are told as such, and neither applies anything twice.
        assertThat(failures).anySatisfy(f -> assertThat(f).isInstanceOf(LockLostException.class));
        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOfAny(LockLostException.class,
                DatabaseAccessException.class).hasMessageContaining("SQLSTATE 57P05"));
        Ledger.assertEachAppliedOnce(db, 8);
    }

    @Test
    void aRunThatFindsItsLockGoneBeforeStartingAppliesNothing(TestDatabase db) {
        slowLedgerMigrations(3, 0);
        MigrationListener killer = new MigrationListener() {
            @Override
            public void lockAcquired(java.time.Duration waited) {
                terminateLockSession(db);
            }
        };

        assertThatThrownBy(() -> builder(db).listener(killer).build().migrate())
                .isInstanceOf(LockLostException.class)
                .hasMessageStartingWith("Lost the migration lock (advisory lock ")
                .hasMessageContaining("before migration 1 (ledger): its session ended (")
                .hasMessageContaining("This run stopped there having applied nothing; each migration commits only "
                        + "with its own history row, so none was applied twice.");
        assertThat(db.tableExists("ledger")).isFalse();
    }
}
