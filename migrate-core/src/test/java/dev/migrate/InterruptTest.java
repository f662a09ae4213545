package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@link Migrator#cancel()}, what the command line calls on SIGINT and SIGTERM: the statement in flight is cancelled
 * on the server, nothing goes on there once the run has stopped, no further migration starts, the lock is
 * released, and the failure says the run was interrupted and what that left.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang; the sleeps below are 30 s by design
class InterruptTest {

    @TempDir
    Path dir;

    private Migrator migrator;

    private CompletableFuture<Throwable> runInBackground(TestDatabase db) throws InterruptedException {
        migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).build();
        CompletableFuture<Throwable> run = Background.migrate(migrator);
        for (int i = 0; i < 1000 && !"1".equals(db.value("SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                + "'%pg_sleep(30)%' AND state = 'active' AND datname = current_database() AND pid <> "
                + "pg_backend_pid()")); i++) {
            Thread.sleep(10);
        }
        return run;
    }

    private static void assertNothingGoesOnAndTheLockIsFree(TestDatabase db) {
        assertThat(db.value("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND state = "
                + "'active' AND datname = current_database() AND pid <> pg_backend_pid()")).isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
    }

    @Test
    void aTransactionalMigrationIsCancelledAndRolledBackAndNothingAfterItRuns(TestDatabase db) throws Exception {
        new MigrationFolder(dir).file("1_accounts.sql", "CREATE TABLE accounts (id int);")
                .file("2_slow.sql", "CREATE TABLE half (id int);\nSELECT pg_sleep(30);")
                .file("3_after.sql", "CREATE TABLE after (id int);");
        CompletableFuture<Throwable> run = runInBackground(db);

        assertThat(migrator.cancel()).isTrue();

        Throwable failure = run.get();
        assertThat(failure).isInstanceOf(MigrationFailedException.class)
                .hasMessage("Migration 2 (slow) was interrupted at line 2 of " + dir.resolve("2_slow.sql") + " (the "
                        + "process was asked to stop): its statement was cancelled and its transaction rolled back, so "
                        + "nothing of it was applied; what this run did before it stays done. Run the migrations again "
                        + "to carry on.");
        assertThat(db.column("SELECT version::text FROM schema_migrations ORDER BY version")).containsExactly("1");
        assertThat(db.tableExists("half")).isFalse();
        assertThat(db.tableExists("after")).isFalse();
        assertNothingGoesOnAndTheLockIsFree(db);
    }

    @Test
    void aNoTransactionMigrationIsCancelledAndLeftDirtySayingSo(TestDatabase db) throws Exception {
        new MigrationFolder(dir).file("1_slow.sql", "-- migrate:no-transaction\nCREATE TABLE a (id int);\n"
                + "SELECT pg_sleep(30);\nCREATE TABLE b (id int);");
        CompletableFuture<Throwable> run = runInBackground(db);

        migrator.cancel();

        assertThat(run.get()).isInstanceOf(MigrationFailedException.class).hasMessageStartingWith("Migration 1 (slow) "
                + "was interrupted at line 3 of " + dir.resolve("1_slow.sql") + " (the process was asked to stop): its "
                + "statement was cancelled. It does not run in a transaction: the statements before that one were "
                + "committed, and version 1 is marked dirty.");
        assertThat(db.tableExists("a")).isTrue();
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations")).containsExactly("1:true");
        assertNothingGoesOnAndTheLockIsFree(db);
    }

    @Test
    void aMigratorWithNoRunUnderWaySaysSo(TestDatabase db) {
        assertThat(Migrator.builder(db.dataSource()).locations(dir.toString()).build().cancel()).isFalse();
    }
}
