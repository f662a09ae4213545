package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

class FailureTest extends FolderTest {

    private MigrationFailedException failure(TestDatabase db) {
        return catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate());
    }

    @Test
    void reportsTheLineOfASyntaxErrorInTheFile(TestDatabase db) {
        folder().file("1_users.sql", """
                -- users and their emails
                CREATE TABLE users (
                    id bigint PRIMARY KEY
                );

                ALTER TABLE users
                    ADD COLUMN email tetx NOT NUL;
                """);

        MigrationFailedException failure = failure(db);

        assertThat(failure.error().line()).isEqualTo(7);
        assertThat(failure.error().sqlState()).isEqualTo("42601");
        assertThat(failure).hasMessage("Migration 1 (users) failed at line 7 of " + dir.resolve("1_users.sql")
                + ": syntax error at or near \"NUL\" (SQLSTATE 42601)\n"
                + "It ran in a transaction that was rolled back, so the database is as it was before migration 1. "
                + "Fix the script and run the migrations again.");
        assertThat(failure.transactional()).isTrue();
    }

    @Test
    void reportsTheLineOfTheFailingStatementWhenTheServerGivesNoPosition(TestDatabase db) {
        folder().file("1_data.sql", """
                CREATE TABLE t (id int PRIMARY KEY);
                INSERT INTO t VALUES (1);
                INSERT INTO t
                VALUES (1);
                """);

        MigrationFailedException failure = failure(db);

        assertThat(failure.error().line()).isEqualTo(3);
        assertThat(failure.error().sqlState()).isEqualTo("23505");
        assertThat(failure.getMessage()).startsWith("Migration 1 (data) failed at line 3 of "
                + dir.resolve("1_data.sql") + ": duplicate key value violates unique constraint \"t_pkey\" "
                + "(SQLSTATE 23505)\n  Detail: Key (id)=(1) already exists.\nIt ran in a transaction");
    }

    @Test
    void includesTheServersHint(TestDatabase db) {
        folder().file("1_call.sql", "SELECT no_such_function(1, 'a');");

        MigrationFailedException failure = failure(db);

        assertThat(failure.error().hint()).contains("No function matches");
        assertThat(failure.getMessage()).contains("(SQLSTATE 42883)\n  Hint: No function matches");
    }

    @Test
    void aFailedTransactionalMigrationLeavesTheDatabaseAsBeforeItAndKeepsEarlierOnes(TestDatabase db) {
        folder().file("1_one.sql", "CREATE TABLE one (id int);")
                .file("2_two.sql", "CREATE TABLE two (id int);\nINSERT INTO one VALUES (1);\nSELECT 1/0;")
                .file("3_three.sql", "CREATE TABLE three (id int);");

        MigrationFailedException failure = failure(db);

        assertThat(failure.version()).isEqualTo(new Version(2));
        assertThat(failure.error().line()).isEqualTo(3);
        assertThat(db.tableExists("one")).isTrue();
        assertThat(db.value("SELECT count(*) FROM one")).isEqualTo("0");
        assertThat(db.tableExists("two")).isFalse();
        assertThat(db.tableExists("three")).isFalse();
        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactly("1");
    }

    @Test
    void aFailedNoTransactionMigrationMarksItsVersionDirtyAndSaysHowToRecover(TestDatabase db) {
        folder().file("1_one.sql", "CREATE TABLE one (id int);")
                .file("2_index.sql", """
                        -- migrate:no-transaction
                        CREATE INDEX CONCURRENTLY one_id ON one (id);
                        CREATE INDEX CONCURRENTLY one_missing ON one (missing);
                        """);

        MigrationFailedException failure = failure(db);

        assertThat(failure.transactional()).isFalse();
        assertThat(failure.error().line()).isEqualTo(3);
        assertThat(failure).hasMessage("Migration 2 (index) failed at line 3 of " + dir.resolve("2_index.sql")
                + ": column \"missing\" does not exist (SQLSTATE 42703)\n"
                + "It does not run in a transaction: the statements before the failing one "
                + "were committed, and version 2 is now marked dirty. Check which of its statements took effect, then "
                + "make the schema match either version 2 (then run 'migrate force 2') or version 1 (then run "
                + "'migrate force 1'), and run the migrations again.");
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'one_id'")).isEqualTo("1");
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations ORDER BY version"))
                .containsExactly("1:false", "2:true");
    }

    @Test
    void aGooseFileWithAConcurrentIndexAndNoMarkerRunsWithoutATransactionByItself(TestDatabase db) {
        folder().file("00001_one.sql", "-- +goose Up\nCREATE TABLE one (id int);\n-- +goose Down\nDROP TABLE one;\n")
                .file("00002_index.sql", "-- +goose Up\nCREATE INDEX CONCURRENTLY one_id ON one (id);\n");

        Migrator.builder(db.dataSource()).locations(dir.toString()).build().migrate();

        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'one_id'")).isEqualTo("1");
    }

    @Test
    void aStatementRefusedInsideATransactionSaysHowToMarkTheFileInItsLayoutsWords() {
        // The backstop for what the check before running cannot see (a statement built at run time, say).
        Migration goose = new Migration(new Version(2), "index", Script.of("00002_index.sql (up)", "SELECT 1;"),
                java.util.Optional.empty(), "goose");
        SqlError refused = new SqlError(2, "25001", "VACUUM cannot run inside a transaction block", null, null, null);

        MigrationFailedException failure = new MigrationFailedException(goose, Direction.UP, refused,
                java.util.Optional.of(new Version(1)), null);

        assertThat(failure).hasMessage("Migration 2 (index) failed at line 2 of 00002_index.sql (up): VACUUM cannot run "
                + "inside a transaction block (SQLSTATE 25001)\n"
                + "It ran in a transaction that was rolled back, so the database is as it was before migration 2. "
                + "That statement cannot run inside a transaction: to run the file without one, put "
                + "'-- +goose NO TRANSACTION' at its top, then run the migrations again.");
    }

    @Test
    void aSessionEndedMidMigrationIsReportedAsSuchNotAsAScriptError(TestDatabase db) throws Exception {
        folder().file("1_slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(5);");
        Thread operator = db.whenRunning("pg_sleep(5)", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE state = 'active' AND query LIKE '%pg_sleep(5)%' AND pid <> pg_backend_pid()");

        MigrationFailedException failure = failure(db);
        operator.join();

        assertThat(failure.error().sqlState()).isEqualTo("57P01");
        assertThat(failure).hasMessageEndingWith("The session ended while it ran, so its transaction committed "
                + "together with its history row or not at all: nothing is half-applied. Once the server is reachable, "
                + "run the migrations again; 'migrate status' shows which it was, and nothing runs twice.");
        assertThat(db.tableExists("slow")).isFalse();
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("0");
    }

    @Test
    void aDirtyDatabaseRefusesToMigrateUntilForced(TestDatabase db) {
        folder().file("1_bad.sql", "-- no-transaction\nCREATE TABLE a (id int);\nCREATE TABLE a (id int);");
        failure(db);
        folder().file("1_bad.sql", "-- no-transaction\nCREATE TABLE IF NOT EXISTS a (id int);");

        DirtyDatabaseException dirty = catchThrowableOfType(DirtyDatabaseException.class, () -> migrator(db).migrate());

        assertThat(dirty.version()).isEqualTo(new Version(1));
        assertThat(dirty.getMessage()).matches("The database is dirty at version 1 \\(bad\\): that migration does not "
                + "run in a transaction and failed part-way \\(.+\\), so some of its statements may have been "
                + "committed\\. Check which of its statements took effect, then make the schema match either version 1 "
                + "\\(then run 'migrate force 1'\\) or no migration at all \\(then run 'migrate force -1'\\), and run "
                + "the migrations again\\.");
    }

    @Test
    void aScriptThatIsNotUtf8NamesTheFile(TestDatabase db) {
        folder().bytes("1_latin1.sql", new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xE9, '\''});

        InvalidMigrationException failure = catchThrowableOfType(InvalidMigrationException.class,
                () -> migrator(db).migrate());

        assertThat(failure.files()).containsExactly(dir.resolve("1_latin1.sql").toString());
    }
}
