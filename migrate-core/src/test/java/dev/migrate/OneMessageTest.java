package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A transactional migration's history-row claim, script, row's time taken, a check that the row is still there and
 * the COMMIT go to the server as one message: the guarantees of the step-by-step way hold, each pinned here, in one
 * round trip instead of four.
 */
class OneMessageTest extends FolderTest {

    @Test
    void aMigrationCostsOneMessage(TestDatabase db) {
        folder().file("1_a.up.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);").file("1_a.down.sql", "DROP TABLE a;");
        StatementLog log = new StatementLog();

        Migrator.builder(log.around(db.dataSource())).locations(dir.toString()).build().migrate();

        // the log sees JDBC statements, not the message sent through pgjdbc's simple-query API: no history write
        assertThat(log.executed()).filteredOn(sql -> sql.startsWith("INSERT INTO") || sql.startsWith("UPDATE"))
                .isEmpty();
        assertThat(db.value("SELECT count(*) FROM a")).isEqualTo("1");
        assertThat(db.value("SELECT dirty::text || ' ' || (execution_ms >= 0)::text FROM schema_migrations"))
                .isEqualTo("false true");
    }

    @Test
    void aDescriptionWithQuotesIsRecordedAsWritten(TestDatabase db) {
        folder().file("1_o'neil's_table.up.sql", "CREATE TABLE a (id int);").file("1_o'neil's_table.down.sql",
                "DROP TABLE a;");

        migrator(db).migrate();

        assertThat(db.value("SELECT description FROM schema_migrations")).isEqualTo("o'neil's_table");
    }

    @Test
    void aVersionAnotherRunRecordedMeanwhileIsNotRunAgain(TestDatabase db) {
        folder().file("1_a.up.sql", "CREATE TABLE a (id int);").file("1_a.down.sql", "DROP TABLE a;")
                .file("2_b.up.sql", "CREATE TABLE b (id int);").file("2_b.down.sql", "DROP TABLE b;")
                .file("3_c.up.sql", "CREATE TABLE c (id int);").file("3_c.down.sql", "DROP TABLE c;");
        MigrationListener otherRun = new MigrationListener() {
            @Override
            public void migrationStarted(Migration migration, Direction direction) {
                if (migration.version().equals(new Version(2))) {
                    // as another run would, after this run read the history and before it claims version 2
                    db.execute("CREATE TABLE b (id int, made_by text DEFAULT 'the other run'); "
                            + "INSERT INTO schema_migrations (version, dirty) VALUES (2, false)");
                }
            }
        };

        MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.toString()).listener(otherRun).build()
                .migrate(new Version(3));

        // the claim failed, so this run never ran 2's script (it would have failed: b exists) and went on to 3
        assertThat(result.applied()).extracting(m -> m.version().toString()).containsExactly("1", "3");
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2", "3");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'b'")).isEqualTo("2");
    }

    @Test
    void aScriptThatDeletesItsOwnHistoryRowIsRolledBackAndExplained(TestDatabase db) {
        folder().file("1_a.up.sql", "CREATE TABLE a (id int);").file("1_a.down.sql", "DROP TABLE a;")
                .file("2_b.up.sql", "CREATE TABLE b (id int);\nDELETE FROM schema_migrations WHERE version = 2;")
                .file("2_b.down.sql", "DROP TABLE b;");

        HistoryTableException failure = catchThrowableOfType(HistoryTableException.class,
                () -> migrator(db).migrate());

        assertThat(failure).hasMessageStartingWith("The history row of migration 2 (b) disappeared while the "
                + "migration ran").hasMessageContaining("rolled back, so the database is as it was before it");
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactly("1");
    }

    @Test
    void aScriptThatDropsTheHistoryTableIsRolledBackAndExplained(TestDatabase db) {
        folder().file("1_a.up.sql", "CREATE TABLE a (id int);").file("1_a.down.sql", "DROP TABLE a;")
                .file("2_b.up.sql", "CREATE TABLE b (id int);\nDROP TABLE schema_migrations;")
                .file("2_b.down.sql", "DROP TABLE b;");

        assertThat(catchThrowableOfType(HistoryTableException.class, () -> migrator(db).migrate()))
                .hasMessageStartingWith("The history row of migration 2 (b) disappeared while the migration ran");
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactly("1");
    }

    @Test
    void errorsKeepTheScriptsOwnLinesWithAndWithoutAPosition(TestDatabase db) {
        folder().file("1_a.up.sql", "CREATE TABLE a (id int PRIMARY KEY);\n-- two rows\nINSERT INTO a VALUES (1);\n"
                        + "INSERT INTO a VALUES (1);\nSELECT 1;").file("1_a.down.sql", "DROP TABLE a;");

        // a unique violation has no position: the statements completed before it name its line
        assertThat(catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate()))
                .hasMessageContaining("failed at line 4 of").hasMessageContaining("(SQLSTATE 23505)");
        assertThat(db.tableExists("a")).isFalse();

        folder().file("1_a.up.sql", "CREATE TABLE a (id int PRIMARY KEY);\n\nSELECT * FROM nowhere;");
        assertThat(catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate()))
                .hasMessageContaining("failed at line 3 of").hasMessageContaining("(SQLSTATE 42P01)");
        assertThat(db.tableExists("a")).isFalse();
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("0");
    }

    @Test
    void aDeferredConstraintThatFailsAtCommitIsTheScriptsFailureAndNothingStays(TestDatabase db) {
        folder().file("1_a.up.sql", "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p int REFERENCES p "
                + "DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO c VALUES (42);").file("1_a.down.sql", "SELECT 1;");

        assertThat(catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate()))
                .hasMessageContaining("(SQLSTATE 23503)");
        assertThat(db.tableExists("p")).isFalse();
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("0");
    }

    @Test
    void aScriptEndingInACommentOrWithoutASemicolonEndsWhereItShould(TestDatabase db) {
        folder().file("1_a.up.sql", "CREATE TABLE a (id int)\n-- no semicolon, and a comment without a line break")
                .file("1_a.down.sql", "DROP TABLE a;")
                .file("2_b.up.sql", "CREATE TABLE b (note text DEFAULT 'it''s; -- not a comment')").file("2_b.down.sql",
                        "DROP TABLE b;");

        migrator(db).migrate();

        assertThat(db.tableExists("a")).isTrue();
        assertThat(db.tableExists("b")).isTrue();
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
    }

    @Test
    void aScriptLeftInsideAStringIsSentAloneSoThatItCannotSwallowTheEnginesStatements(TestDatabase db) {
        folder().file("1_a.up.sql", "CREATE TABLE a (id int);\nSELECT 'never closed;").file("1_a.down.sql", "SELECT 1;");

        assertThat(catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate()))
                .hasMessageContaining("unterminated quoted string");
        assertThat(db.tableExists("a")).isFalse();
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("0");
    }
}
