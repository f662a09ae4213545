package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every pending script is read, decoded, split where it must be and checked before the first one runs, so a run
 * refused for a file has changed nothing (the CLI's exit 5), and validate reports the same problems. Scripts
 * that manage transactions themselves are told apart before anything runs.
 */
@ExtendWith(PostgresExtension.class)
class CheckedBeforeRunningTest {

    @TempDir
    Path dir;

    private MigrationFolder folder() {
        return new MigrationFolder(dir).file("1_first.sql", "CREATE TABLE first (id int);");
    }

    private Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations(dir.toString()).build();
    }

    private void assertNothingChanged(TestDatabase db) {
        assertThat(db.tableExists("first")).isFalse();
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void aLaterFileThatIsNotUtf8StopsTheRunBeforeTheFirstMigration(TestDatabase db) {
        folder().bytes("2_latin1.sql", "CREATE TABLE caf\u00e9 (id int);\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration " + dir.resolve("2_latin1.sql") + " is not valid UTF-8: line 1 has the byte "
                        + "0xE9, which UTF-8 does not allow there. Save it as UTF-8.");
        assertNothingChanged(db);
        assertThat(migrator(db).validate().problems()).singleElement().isInstanceOf(InvalidMigrationException.class);
    }

    @Test
    void aUtf16FileOrANulByteIsNamedWithWhatToDo(TestDatabase db) {
        byte[] utf16 = "\uFEFFCREATE TABLE t (id int);".getBytes(StandardCharsets.UTF_16LE);
        // Named as golang-migrate names them, so that listing them needs no look inside: the check before running does.
        folder().bytes("2_utf16.up.sql", utf16).bytes("3_nul.up.sql", "SELECT 1;\nSELECT '\0';".getBytes(StandardCharsets.UTF_8));

        assertThat(migrator(db).validate().problems()).extracting(Throwable::getMessage).containsExactly(
                "Migration " + dir.resolve("2_utf16.up.sql") + " is not valid UTF-8: it starts with a UTF-16 byte-order "
                        + "mark, so it was saved as UTF-16. Save it as UTF-8.",
                "Migration " + dir.resolve("3_nul.up.sql") + " has a NUL byte on line 2, which PostgreSQL does not "
                        + "accept in SQL text. Remove it (a file saved as UTF-16 has one in every character: save it "
                        + "as UTF-8).");
        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class);
        assertNothingChanged(db);
    }

    @Test
    void aNoTransactionFileWithAnUnterminatedDollarQuoteIsRefusedBeforeAnythingRuns(TestDatabase db) {
        folder().file("2_function.sql", "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY first_id ON first (id);\n"
                + "CREATE FUNCTION f() RETURNS int AS $$\nSELECT 1;\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration " + dir.resolve("2_function.sql") + " cannot be split into statements: a "
                        + "dollar quote ($$) opened at line 3 is never closed, so the server would read the rest of "
                        + "the file as part of it. Close it (a missing quote, or a $$ that has no partner?). Nothing "
                        + "was run.");
        assertNothingChanged(db);
    }

    @Test
    void aDanglingSymlinkIsNamedBeforeAnythingRuns(TestDatabase db) throws IOException {
        folder();
        Files.createSymbolicLink(dir.resolve("2_gone.sql"), dir.resolve("nowhere.sql"));

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageStartingWith("Cannot read migration " + dir.resolve("2_gone.sql"))
                .hasMessageEndingWith("Check that the file exists and is readable.");
        assertNothingChanged(db);
    }

    @Test
    void aFileWrappedInBeginAndCommitStaysAtomicWithItsHistoryRow(TestDatabase db) {
        folder().file("2_wrapped.sql", "BEGIN;\nCREATE TABLE wrapped (id int);\nCOMMIT;\n")
                .file("3_wrapped_fails.sql", "begin transaction;\nCREATE TABLE half (id int);\nSELECT 1/0;\nEND;\n");

        MigrationFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(MigrationFailedException.class,
                () -> migrator(db).migrate());

        assertThat(failure.error().line()).isEqualTo(3);
        assertThat(failure).hasMessageContaining("It ran in a transaction that was rolled back, so the database is "
                + "as it was before migration 3.");
        assertThat(db.tableExists("wrapped")).isTrue();
        assertThat(db.tableExists("half")).isFalse();
        assertThat(db.column("SELECT version::text FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
    }

    @Test
    void aCommitPartWayIsRefusedBeforeAnythingRunsInTheFoldersOwnWords(TestDatabase db) {
        new MigrationFolder(dir).file("00001_first.sql", "-- +goose Up\nCREATE TABLE first (id int);\n")
                .file("00002_commits.sql", "-- +goose Up\nCREATE TABLE c (id int);\nCOMMIT;\nCREATE TABLE d (id int);\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration 2 (commits) ends its transaction itself, at line 3 of " + dir.resolve("00002_commits.sql")
                        + " (up) ('COMMIT'): a migration that runs in a transaction is recorded in that same "
                        + "transaction, and a script that commits or rolls back part-way cannot be. Nothing was run. "
                        + "Remove the statement (a whole file wrapped in one BEGIN; ... COMMIT; is fine), or, to run "
                        + "the file as written, put '-- +goose NO TRANSACTION' at its top.");
        assertNothingChanged(db);
    }

    @Test
    void aScriptEndingInRollbackIsRefusedRatherThanRecordedAsApplied(TestDatabase db) {
        folder().file("2_rolls_back.sql", "BEGIN;\nCREATE TABLE r (id int);\nROLLBACK;\n");

        assertThatThrownBy(() -> migrator(db).plan(Change.up())).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("at line 3 of " + dir.resolve("2_rolls_back.sql") + " ('ROLLBACK')");
        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class);
        assertNothingChanged(db);
    }

    @Test
    void savepointsAndANoTransactionFilesOwnBlocksRunAsWritten(TestDatabase db) {
        folder().file("2_savepoint.sql", "CREATE TABLE s (id int);\nSAVEPOINT before_insert;\nINSERT INTO s VALUES (1);\n"
                        + "ROLLBACK TO SAVEPOINT before_insert;\nINSERT INTO s VALUES (2);\n")
                .file("3_blocks.sql", "-- migrate:no-transaction\nBEGIN;\nINSERT INTO s VALUES (3);\nCOMMIT;\n"
                        + "CREATE INDEX CONCURRENTLY s_id ON s (id);\n");

        migrator(db).migrate();

        assertThat(db.column("SELECT id::text FROM s ORDER BY id")).containsExactly("2", "3");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE NOT dirty")).isEqualTo("3");
    }
}
