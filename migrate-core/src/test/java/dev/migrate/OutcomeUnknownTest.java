package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.TcpRelay;
import dev.migrate.test.TestDatabase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection cut after a message of several migrations reached the server: each may have committed. The
 * failure says so, naming them all, and the one command that tells; the history then shows what committed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang
class OutcomeUnknownTest extends FolderTest {

    /** Runs the folder through a relay and cuts it once the run's slow statement is under way. */
    private Throwable cutWhileSleeping(TestDatabase db) throws Exception {
        try (TcpRelay relay = TcpRelay.to(db)) {
            relay.open();
            CompletableFuture<Throwable> run = Background.migrate(Migrator.builder(relay.dataSource(db))
                    .locations(dir.toString()).build());
            // the message's text is longer than pg_stat_activity keeps: the sleep is told by what it waits on
            Background.awaitSleep(db);
            relay.close();
            return run.get();
        }
    }

    @Test
    void aMessageOfSeveralMigrationsCutOffIsSaidToHaveAnUnknownOutcome(TestDatabase db) throws Exception {
        // The first message carries one migration, the next two: the second of those is still running when the cut
        // comes.
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id int);")
                .file("2_orders.up.sql", "CREATE TABLE orders (id int);")
                .file("3_slow.up.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(1.5);");
        Throwable failure = cutWhileSleeping(db);

        assertThat(failure).isInstanceOf(DatabaseAccessException.class)
                .hasMessageStartingWith("Could not learn whether migrations 2 (orders) to 3 (slow) (2, sent together in "
                        + "one message, each in a transaction of its own) committed: ")
                .hasMessageEndingWith("The session ended (the server ended it, or the network went), so whether what "
                        + "was last sent committed is unknown. Once the server is reachable, run 'migrate status': a "
                        + "migration that committed is recorded with its history row, one that did not is pending and "
                        + "runs on the next up (none runs twice), and a no-transaction migration cut part-way shows as "
                        + "dirty.");
        for (int i = 0; i < 500 && !"0".equals(db.value("SELECT count(*) FROM pg_stat_activity WHERE wait_event = "
                + "'PgSleep' AND datname = current_database()")); i++) {
            Thread.sleep(10);
        }
        // What the status shows is what committed, each with its row; the next run runs the rest, none twice.
        Status status = migrator(db).status();
        assertThat(db.tableExists("slow")).isEqualTo(status.migrations().get(2).state() == MigrationState.APPLIED);
        migrator(db).migrate();
        assertThat(db.column("SELECT version::text FROM schema_migrations ORDER BY version"))
                .containsExactly("1", "2", "3");
    }

    @Test
    void aNoTransactionMigrationCutMidWayIsDirtyAndItsLastStatementsOutcomeUnknown(TestDatabase db) throws Exception {
        folder().file("1_slow.up.sql", "-- migrate:no-transaction\nCREATE TABLE a (id int);\nSELECT pg_sleep(1.5);\n"
                + "CREATE TABLE b (id int);");
        Throwable failure = cutWhileSleeping(db);

        assertThat(failure).isInstanceOf(MigrationFailedException.class).hasMessageContaining("The session ended "
                + "while it ran (the network went, or the server ended it). It does not run in a transaction: the "
                + "statements before that one were committed, whether that one took effect is unknown, and version 1 "
                + "is marked dirty. When the server is reachable again: Check which of its statements took effect");
        assertThat(db.tableExists("a")).isTrue();
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations")).containsExactly("1:true");
    }
}
