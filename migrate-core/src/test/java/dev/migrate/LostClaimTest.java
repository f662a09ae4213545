package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A no-transaction migration whose run loses its lock session (terminated, timed out while idle, cut) goes on in
 * the session running its statement. The dirty row it claimed names that session, so every other run sees the
 * migration in progress, not failed: status says so, force and up refuse, and the first run settles only its own
 * row. The migration runs once.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LostClaimTest {

    @TempDir
    Path dir;

    private Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations(dir.toString()).build();
    }

    /** Ends the session that holds this database's migration lock, as an operator's pg_terminate_backend does. */
    private static void terminateLockSession(TestDatabase db) {
        long key = AdvisoryLock.key(db.name(), null, Migrator.DEFAULT_TABLE);
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 "
                + "AND classid::bigint = " + (key >>> 32) + " AND objid::bigint = " + (key & 0xFFFF_FFFFL));
    }

    @Test
    void aNoTransactionMigrationWhoseRunLostItsLockIsInProgressAndNeverRunsTwice(TestDatabase db) throws Exception {
        new MigrationFolder(dir).file("1_runs.sql", "CREATE TABLE runs (step int);")
                .file("2_slow.sql", "-- migrate:no-transaction\nINSERT INTO runs VALUES (2);\nSELECT pg_sleep(4);\n"
                        + "INSERT INTO runs VALUES (22);");
        CompletableFuture<Throwable> first = Background.migrate(migrator(db));
        db.awaitDirtyMigration();
        terminateLockSession(db);
        // the lock is free now: nothing but the claimed row tells that migration 2 is still running
        for (int i = 0; i < 500 && !"0".equals(db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"));
                i++) {
            Thread.sleep(10);
        }

        Status status = migrator(db).status();
        LockTimeoutException force = catchThrowableOfType(LockTimeoutException.class,
                () -> migrator(db).force(new Version(1)));
        DirtyDatabaseException up = catchThrowableOfType(DirtyDatabaseException.class, () -> migrator(db).migrate());

        assertThat(status.migrations().get(1).state()).isEqualTo(MigrationState.IN_PROGRESS);
        assertThat(force).hasMessageStartingWith("Cannot force the version while migration 2 (slow) is being applied "
                + "by the server session that claimed it (pid ").hasMessageContaining("although its run lost the "
                + "migration lock: its statement goes on on the server. Nothing was changed.");
        assertThat(up.inProgress()).isTrue();
        assertThat(up).hasMessageStartingWith("Migration 2 (slow) is being applied right now, by the server session "
                + "that claimed it (pid ").hasMessageContaining("Wait for it to finish, then run again; do not force a "
                + "version while it runs.");
        first.get();
        assertThat(db.column("SELECT step::text FROM runs ORDER BY step")).containsExactly("2", "22");
        assertThat(db.column("SELECT version || ':' || dirty || ':' || coalesce(claimed_by, '-') FROM schema_migrations "
                + "ORDER BY version")).containsExactly("1:false:-", "2:false:-");
        assertThat(migrator(db).migrate().upToDate()).isTrue();
        assertThat(db.column("SELECT step::text FROM runs ORDER BY step")).containsExactly("2", "22");
    }

    @Test
    void aDirtyRowWhoseClaimantIsGoneIsAFailureAgain(TestDatabase db) {
        new MigrationFolder(dir).file("1_bad.sql", "-- migrate:no-transaction\nCREATE TABLE a (id int);\nSELECT 1/0;");
        catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate());

        DirtyDatabaseException dirty = catchThrowableOfType(DirtyDatabaseException.class, () -> migrator(db).migrate());

        // the failed run's session is closed: its claim names a session that is no longer there
        assertThat(db.value("SELECT claimed_by IS NOT NULL FROM schema_migrations")).isEqualTo("t");
        assertThat(dirty.inProgress()).isFalse();
        assertThat(migrator(db).force(new Version(1)).version()).contains(new Version(1));
        assertThat(db.value("SELECT dirty::text || coalesce(claimed_by, '-') FROM schema_migrations")).isEqualTo("false-");
    }
}
