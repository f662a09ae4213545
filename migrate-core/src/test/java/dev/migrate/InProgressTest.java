package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
 * A no-transaction migration is marked dirty while it runs. While the run holding the lock is applying it, that is
 * reported as in progress, other instances wait rather than refuse, and force refuses at once.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InProgressTest {

    @TempDir
    Path dir;

    private Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations(dir.toString()).build();
    }

    @Test
    void aRunningNoTransactionMigrationIsInProgressNotFailedAndForceRefusesWhileItRuns(TestDatabase db) throws Exception {
        new MigrationFolder(dir).file("1_table.sql", "CREATE TABLE t (id int);")
                .file("2_slow.sql", "-- migrate:no-transaction\nSELECT pg_sleep(1.5);\nCREATE INDEX CONCURRENTLY t_id ON t (id);");
        CompletableFuture<MigrateResult> running = CompletableFuture.supplyAsync(() -> migrator(db).migrate());
        db.awaitDirtyMigration();

        Status status = migrator(db).status();
        ValidationResult validation = migrator(db).validate();
        LockTimeoutException force = catchThrowableOfType(LockTimeoutException.class,
                () -> migrator(db).force(new Version(1)));
        CompletableFuture<MigrateResult> second = CompletableFuture.supplyAsync(() -> migrator(db).migrate());

        assertThat(status.migrations().get(1).state()).isEqualTo(MigrationState.IN_PROGRESS);
        assertThat(status.dirty()).isFalse();
        assertThat(validation.problems()).singleElement()
                .isInstanceOfSatisfying(DirtyDatabaseException.class, e -> assertThat(e.inProgress()).isTrue())
                .extracting(Throwable::getMessage).asString()
                .startsWith("Migration 2 (slow) is being applied right now, by the run holding the migration lock "
                        + "(pid ")
                .endsWith("It runs without a transaction, so its version is marked dirty until it finishes. Wait for "
                        + "it to finish; do not force a version while it runs.");
        assertThat(force).hasMessageStartingWith("Cannot force the version while another run holds the migration lock "
                + "(advisory lock ").hasMessageContaining(": it may be applying the very version this would change. "
                + "Nothing was changed.");
        assertThat(running.get().applied()).hasSize(2);
        assertThat(second.get().upToDate()).isTrue();
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations ORDER BY version"))
                .containsExactly("1:false", "2:false");
    }

    @Test
    void aDirtyVersionNobodyIsRunningIsStillAFailureThatRefusesAtOnce(TestDatabase db) {
        new MigrationFolder(dir).file("1_bad.sql", "-- migrate:no-transaction\nCREATE TABLE a (id int);\nSELECT 1/0;");
        catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate());

        DirtyDatabaseException dirty = catchThrowableOfType(DirtyDatabaseException.class, () -> migrator(db).migrate());

        assertThat(dirty.inProgress()).isFalse();
        assertThat(dirty).hasMessageStartingWith("The database is dirty at version 1 (bad): that migration does not "
                + "run in a transaction and failed part-way");
        assertThat(migrator(db).status().migrations().get(0).state()).isEqualTo(MigrationState.DIRTY);
    }
}
