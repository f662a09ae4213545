package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A Flyway folder read as Flyway reads it: versions, names, undo files and per-script settings. */
class FlywayFolderTest extends FolderTest {

    @Test
    void dottedVersionsApplyPartByPartAsFlywayOrdersThemAndNeedNoRenaming(TestDatabase db) {
        folder().file("V1__base.sql", "CREATE TABLE steps (v text PRIMARY KEY);")
                .file("V21__twenty_one.sql", "INSERT INTO steps VALUES ('21');")
                .file("V2.1__two_one.sql", "INSERT INTO steps VALUES ('2.1');")
                .file("V10__ten.sql", "INSERT INTO steps VALUES ('10');")
                .file("V1_1__one_one.sql", "INSERT INTO steps VALUES ('1.1');")
                .file("V1.10__one_ten.sql", "INSERT INTO steps VALUES ('1.10');")
                .file("V2.0.1__two_zero_one.sql", "INSERT INTO steps VALUES ('2.0.1');");

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).extracting(m -> m.version().toString())
                .containsExactly("1", "1.1", "1.10", "2.0.1", "2.1", "10", "21");
        assertThat(result.applied()).extracting(AppliedMigration::description)
                .contains("one one", "two zero one");
        assertThat(db.column("SELECT version FROM schema_migrations"))
                .containsExactlyInAnyOrder("1", "1.1", "1.10", "2.0.1", "2.1", "10", "21");
        assertThat(db.value("SELECT data_type FROM information_schema.columns WHERE table_name = 'schema_migrations' "
                + "AND column_name = 'version'")).isEqualTo("text");
        assertThat(migrator(db).migrate().upToDate()).isTrue();
        assertThat(migrator(db).status().version()).contains(Version.parse("21"));
    }

    @Test
    void versionsEqualAsFlywayComparesThemAreDuplicates(TestDatabase db) {
        folder().file("V1__a.sql", "SELECT 1;").file("V1.0__b.sql", "SELECT 1;");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageStartingWith("Version 1.0 is used by more than one migration")
                .hasMessageContaining(dir.resolve("V1__a.sql").toString())
                .hasMessageContaining(dir.resolve("V1.0__b.sql").toString());
    }

    @Test
    void filesFlywayWouldSkipAreSkipped(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE t (id int);")
                .file("v2__lower_case_prefix.sql", "DROP TABLE t;")
                .file("V3a__bad_version.sql", "DROP TABLE t;")
                .file("notes.sql", "DROP TABLE t;")
                .file("README.md", "not SQL");

        assertThat(migrator(db).migrate().applied()).extracting(m -> m.version().toString()).containsExactly("1");
        assertThat(db.tableExists("t")).isTrue();
    }

    @Test
    void undoFilesAreTheDownScripts(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE t (id int);").file("U1__create.sql", "DROP TABLE t;")
                .file("V1.1__add.sql", "ALTER TABLE t ADD COLUMN b int;").file("U1.1__add.sql", "ALTER TABLE t DROP COLUMN b;");

        migrator(db).migrate();
        migrator(db).rollback(1);

        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactly("1");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 't'")).isEqualTo("1");
    }

    @Test
    void aScriptOfOnlyNonTransactionalStatementsRunsWithoutATransactionAsInFlyway(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE t (id int);")
                .file("V2__index.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);");

        assertThat(migrator(db).plan(Change.up()).migrations()).extracting(PlannedMigration::transactional)
                .containsExactly(true, false);
        migrator(db).migrate();
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 't_id'")).isEqualTo("1");
    }

    @Test
    void aScriptMixingBothKindsIsRefusedAsFlywayRefusesItBeforeAnythingRuns(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE t (id int);")
                .file("V2__mixed.sql", "ALTER TABLE t ADD COLUMN b int;\n\nCREATE INDEX CONCURRENTLY t_b\n  ON t (b);\n");
        String file = dir.resolve("V2__mixed.sql").toString();

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage(file + " mixes a statement that cannot run in a transaction (line 3: 'CREATE INDEX "
                        + "CONCURRENTLY t_b ...') with statements that can (line 1), which Flyway refuses: 'Detected "
                        + "both transactional and non-transactional statements within the same migration'. Nothing was "
                        + "run. Move the statement into a migration of its own, or put executeInTransaction=false in "
                        + file + ".conf to run the whole file without a transaction.");
        assertThat(db.tableExists("t")).isFalse();
    }

    @Test
    void aConfFileSaysHowTheScriptRunsAndInWhichEncodingItIsWritten(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE t (id int);")
                .file("V2__mixed.sql", "ALTER TABLE t ADD COLUMN b int;\nCREATE INDEX CONCURRENTLY t_b ON t (b);\n")
                .file("V2__mixed.sql.conf", "# runs statement by statement\nexecuteInTransaction = false\n")
                .bytes("V3__latin1.sql", "COMMENT ON TABLE t IS 'café';".getBytes(StandardCharsets.ISO_8859_1))
                .file("V3__latin1.sql.conf", "encoding=ISO-8859-1\n");

        migrator(db).migrate();

        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 't_b'")).isEqualTo("1");
        assertThat(db.value("SELECT obj_description('t'::regclass)")).isEqualTo("café");
        assertThat(migrator(db).migrate().upToDate()).isTrue();
    }

    @Test
    void aConfFileSettingWhatMigrateDoesNotKnowIsRefusedNamingIt(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE t (id int);")
                .file("V1__create.sql.conf", "shouldExecute=${flyway:environment}==prod\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining(dir.resolve("V1__create.sql.conf") + " sets 'shouldExecute', which migrate does "
                        + "not know; the settings a script's .conf file may give are executeInTransaction, encoding and "
                        + "placeholderReplacement");
        assertThat(db.tableExists("t")).isFalse();
    }

    @Test
    void migrationsInSubfoldersAreFoundAsFlywayFindsThem(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE t (id int);")
                .file("2024/V1.1__add.sql", "ALTER TABLE t ADD COLUMN b int;")
                .file("2024/q4/releases/V1.2__more.sql", "ALTER TABLE t ADD COLUMN c int;")
                .file("views/R__t_view.sql", "CREATE OR REPLACE VIEW t_view AS SELECT b, c FROM t;");

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).extracting(m -> m.version().toString()).containsExactly("1", "1.1", "1.2");
        assertThat(result.repeatables()).hasSize(1);
    }
}
