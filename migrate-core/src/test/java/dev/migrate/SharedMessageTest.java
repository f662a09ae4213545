package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TcpRelay;
import dev.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Consecutive transactional migrations share one message, each in a BEGIN ... COMMIT block of its own with its
 * history row: a folder far from the database pays a round trip per message, not per migration. Each guarantee of
 * a migration sent alone holds for one in the middle of a message, pinned here: the ones before a failure stay
 * committed and reported, the failed one is rolled back whole and named with its line, the ones after it never
 * run, and a version another run recorded meanwhile is not run again.
 */
class SharedMessageTest extends FolderTest {

    /** Migrations 1..count, each creating its own table t{n}; {@code failing} gets {@code script} instead. */
    private void tables(int count, int failing, String script) {
        MigrationFolder folder = folder();
        for (int n = 1; n <= count; n++) {
            folder.file(n + "_t" + n + ".up.sql", n == failing ? script : "CREATE TABLE t" + n + " (id int);\n")
                    .file(n + "_t" + n + ".down.sql", "DROP TABLE t" + n + ";");
        }
    }

    /** The migration events a recorder heard, in order. */
    private static List<String> migrationEvents(ListenerTest.Recorder heard) {
        return heard.events.stream().filter(e -> e.startsWith("started") || e.startsWith("applied")
                || e.startsWith("failed")).toList();
    }

    @Test
    void manyMigrationsTakeAFewRoundTripsAndEachIsRecordedWithItsOwnTime(TestDatabase db) throws Exception {
        tables(300, 0, null);
        ListenerTest.Recorder heard = new ListenerTest.Recorder();
        MigrateResult result;
        try (TcpRelay relay = TcpRelay.to(db)) {
            relay.open();

            result = Migrator.builder(relay.dataSource(db)).locations(dir.toString()).listener(heard)
                    .build().migrate();

            // messages of 1, 2, 4, ... 128 migrations, then the rest (9), beside 18 of a first run's own: pgjdbc's
            // SET application_name on each connection, the lock, looking for other tools' histories before and
            // after it, creating the history table, the lock guard's settings
            assertThat(relay.roundTrips()).isLessThanOrEqualTo(30);
            assertThat(result.applied()).hasSize(300);

            long before = relay.roundTrips();
            Migrator.builder(relay.dataSource(db)).locations(dir.toString()).build().migrate();
            // nothing to do: pgjdbc's SET application_name, finding the history table and reading it (no lock)
            assertThat(relay.roundTrips() - before).isLessThanOrEqualTo(3);
        }
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE NOT dirty AND execution_ms BETWEEN 0 AND "
                + "60000")).isEqualTo("300");
        // what the run reports is the time the server counted and recorded for each
        assertThat(result.applied()).extracting(m -> String.valueOf(m.executionMs()))
                .containsExactlyElementsOf(db.column("SELECT execution_ms FROM schema_migrations ORDER BY version"));
        assertThat(db.value("SELECT count(*) FROM pg_tables WHERE tablename ~ '^t[0-9]+$'")).isEqualTo("300");
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            expected.add("started up " + n);
            expected.add("applied " + n);
        }
        assertThat(migrationEvents(heard)).containsExactlyElementsOf(expected);
    }

    @Test
    void aFailureInTheMiddleOfAMessageKeepsTheOnesBeforeAndNeverRunsTheOnesAfter(TestDatabase db) {
        // messages: 1 | 2 3 | 4 5 6 7 | ...: 6 fails in the middle of the third
        tables(10, 6, "CREATE TABLE t6 (id int PRIMARY KEY);\n-- twice\nINSERT INTO t6 VALUES (1);\n"
                + "INSERT INTO t6 VALUES (1);\n");
        ListenerTest.Recorder heard = new ListenerTest.Recorder();

        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                () -> Migrator.builder(db.dataSource()).locations(dir.toString()).listener(heard).build().migrate());

        assertThat(failure).hasMessageStartingWith("Migration 6 (t6) failed at line 4 of ").hasMessageContaining("6_t6.up.sql: ")
                .hasMessageContaining("(SQLSTATE 23505)")
                .hasMessageContaining("so the database is as it was before migration 6");
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version"))
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(db.tableExists("t5")).isTrue();
        assertThat(db.tableExists("t6")).isFalse();
        assertThat(db.tableExists("t7")).isFalse();
        assertThat(migrationEvents(heard)).containsExactly("started up 1", "applied 1", "started up 2", "applied 2",
                "started up 3", "applied 3", "started up 4", "applied 4", "started up 5", "applied 5", "started up 6",
                "failed 6");

        // fixed, the run goes on from 6, each once
        tables(10, 0, null);
        MigrateResult result = migrator(db).migrate();
        assertThat(result.applied()).extracting(m -> m.version().toString())
                .containsExactly("6", "7", "8", "9", "10");
    }

    @Test
    void anErrorPositionInTheMiddleOfAMessageNamesTheScriptsOwnLine(TestDatabase db) {
        tables(5, 5, "CREATE TABLE t5 (id int);\n\nSELECT nope FROM t5;\n");

        assertThat(catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate()))
                .hasMessageStartingWith("Migration 5 (t5) failed at line 3 of ").hasMessageContaining("5_t5.up.sql: ")
                .hasMessageContaining("(SQLSTATE 42703)");
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version"))
                .containsExactly("1", "2", "3", "4");
    }

    @Test
    void aSyntaxErrorInALaterBlockDoesNotKeepTheBlocksBeforeItFromRunning(TestDatabase db) {
        // The server parses a whole message before it runs any of it: 6's syntax error refuses 4 and 5 as well,
        // which are then sent again on their own.
        tables(7, 6, "CREATE TABLE t6 (id int);\nSELEC 2;\n");

        assertThat(catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate()))
                .hasMessageStartingWith("Migration 6 (t6) failed at line 2 of ").hasMessageContaining("6_t6.up.sql: ")
                .hasMessageContaining("(SQLSTATE 42601)")
                .hasMessageContaining("so the database is as it was before migration 6");
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version"))
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(db.tableExists("t5")).isTrue();
    }

    @Test
    void aDeferredConstraintFailingAtTheCommitOfOneBlockKeepsTheBlocksBefore(TestDatabase db) {
        tables(5, 5, "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p int REFERENCES p DEFERRABLE "
                + "INITIALLY DEFERRED);\nINSERT INTO c VALUES (42);\n");

        assertThat(catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate()))
                .hasMessageStartingWith("Migration 5 (t5) failed").hasMessageContaining("(SQLSTATE 23503)");
        assertThat(db.tableExists("p")).isFalse();
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version"))
                .containsExactly("1", "2", "3", "4");
    }

    @Test
    void aScriptInTheMiddleOfAMessageThatDeletesItsOwnRowIsRolledBackAndExplained(TestDatabase db) {
        tables(6, 5, "CREATE TABLE t5 (id int);\nDELETE FROM schema_migrations WHERE version = 5;\n");

        assertThat(catchThrowableOfType(HistoryTableException.class, () -> migrator(db).migrate()))
                .hasMessageStartingWith("The history row of migration 5 (t5) disappeared while the migration ran");
        assertThat(db.tableExists("t5")).isFalse();
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version"))
                .containsExactly("1", "2", "3", "4");
    }

    @Test
    void aVersionAnotherRunRecordedInTheMiddleOfAMessageIsNotRunAgain(TestDatabase db) {
        tables(8, 0, null);
        MigrationListener otherRun = new MigrationListener() {
            @Override
            public void migrationStarted(Migration migration, Direction direction) {
                if (migration.version().equals(new Version(4))) {
                    // as another run would, just before the message of 4, 5, 6, 7 is sent
                    db.execute("CREATE TABLE t6 (id int, made_by text DEFAULT 'the other run'); "
                            + "INSERT INTO schema_migrations (version, dirty) VALUES (6, false)");
                }
            }
        };

        MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.toString()).listener(otherRun).build()
                .migrate();

        assertThat(result.applied()).extracting(m -> m.version().toString())
                .containsExactly("1", "2", "3", "4", "5", "7", "8");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 't6'")).isEqualTo("2");
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("8");
    }

    @Test
    void aMigrationInTheMiddleOfAMessageThatDidNotGetItsLockIsTriedAgainAndAppliedOnce(TestDatabase db)
            throws Exception {
        tables(7, 6, "ALTER TABLE t1 ADD COLUMN note text;\n");
        folder().file("1_t1.up.sql", "CREATE TABLE t1 (id int);\nINSERT INTO t1 VALUES (1);\n");
        migrator(db).migrate(new Version(1));
        MigrateResult result;
        try (Connection reader = db.dataSource().getConnection()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM t1").close(); // holds ACCESS SHARE on t1
            }
            CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(() -> Migrator
                    .builder(db.dataSource()).locations(dir.toString()).statementLockTimeout(Duration.ofMillis(200))
                    .lockRetries(20).build().migrate());
            Thread.sleep(1_500);
            reader.commit();
            result = run.get(60, TimeUnit.SECONDS);
        }

        assertThat(result.applied()).extracting(m -> m.version().toString())
                .containsExactly("2", "3", "4", "5", "6", "7");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 't1'")).isEqualTo("2");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE NOT dirty")).isEqualTo("7");
    }
}
