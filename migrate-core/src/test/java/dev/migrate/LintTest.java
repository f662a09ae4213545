package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.internal.lint.Linter;
import dev.migrate.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every lint rule on a statement it must flag and on the safe rewrite it suggests, which must pass; the table
 * they change exists already (made by an earlier migration), as in production.
 */
class LintTest extends FolderTest {

    private List<LintFinding> lint(TestDatabase db, String sql) {
        folder().file("1_base.up.sql", "CREATE TABLE t (id bigint PRIMARY KEY, a text);")
                .file("1_base.down.sql", "DROP TABLE t;")
                .file("2_change.up.sql", sql).file("2_change.down.sql", "SELECT 1;");
        return migrator(db).lintAll().findings();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "index-not-concurrent      | CREATE INDEX t_a ON t (a);                                   | CREATE INDEX CONCURRENTLY t_a ON t (a);",
        "drop-index-not-concurrent | DROP INDEX t_a;                                              | DROP INDEX CONCURRENTLY t_a;",
        "reindex-not-concurrent    | REINDEX TABLE t;                                             | REINDEX TABLE CONCURRENTLY t;",
        "add-required-column       | ALTER TABLE t ADD COLUMN b text NOT NULL;                    | ALTER TABLE t ADD COLUMN b text NOT NULL DEFAULT 'none';",
        "volatile-default          | ALTER TABLE t ADD COLUMN b uuid DEFAULT gen_random_uuid();   | ALTER TABLE t ADD COLUMN b uuid;",
        "column-type-change        | ALTER TABLE t ALTER COLUMN a TYPE varchar(10);               | ALTER TABLE t ADD COLUMN a_short varchar(10);",
        "set-not-null              | ALTER TABLE t ALTER COLUMN a SET NOT NULL;                   | ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL) NOT VALID;",
        "foreign-key-not-valid     | ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (id) REFERENCES t (id); | ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (id) REFERENCES t (id) NOT VALID;",
        "foreign-key-not-valid     | ALTER TABLE t ADD COLUMN parent bigint REFERENCES t (id);    | ALTER TABLE t ADD COLUMN parent bigint;",
        "check-not-valid           | ALTER TABLE t ADD CONSTRAINT t_c CHECK (length(a) < 10);     | ALTER TABLE t ADD CONSTRAINT t_c CHECK (length(a) < 10) NOT VALID;",
        "unique-without-index      | ALTER TABLE t ADD CONSTRAINT t_u UNIQUE (a);                 | ALTER TABLE t ADD CONSTRAINT t_u UNIQUE USING INDEX t_a_key;",
        "add-serial-column         | ALTER TABLE t ADD COLUMN n bigserial;                        | ALTER TABLE t ADD COLUMN n bigint;",
        "rename                    | ALTER TABLE t RENAME COLUMN a TO b;                          | ALTER TABLE t ADD COLUMN b text;",
        "drop-column               | ALTER TABLE t DROP COLUMN a;                                 | ALTER TABLE t ALTER COLUMN a DROP DEFAULT;",
        "drop-table                | DROP TABLE t;                                                | COMMENT ON TABLE t IS 'retired';",
        "prefer-text-over-char     | ALTER TABLE t ADD COLUMN c char(2);                          | ALTER TABLE t ADD COLUMN c text;",
        "prefer-timestamptz        | ALTER TABLE t ADD COLUMN at timestamp;                       | ALTER TABLE t ADD COLUMN at timestamptz DEFAULT current_timestamp;",
        "prefer-bigint-keys        | CREATE TABLE u (id int PRIMARY KEY);                         | CREATE TABLE u (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);",
        "vacuum-full               | VACUUM FULL t;                                               | VACUUM t;",
        "cluster                   | CLUSTER t USING t_pkey;                                      | ANALYZE t;",
        "lock-table                | LOCK TABLE t IN ACCESS EXCLUSIVE MODE;                       | SELECT 1;",
        "drop-database             | DROP DATABASE old_reports;                                   | SELECT 1;",
        "prefer-bigint-keys        | CREATE TABLE u (id smallint PRIMARY KEY);                    | CREATE TABLE u (id bigint PRIMARY KEY);",
        "drop-not-null             | ALTER TABLE t ALTER COLUMN a DROP NOT NULL;                  | ALTER TABLE t ALTER COLUMN a DROP DEFAULT;",
        "prefer-text-over-varchar  | ALTER TABLE t ADD COLUMN c varchar(20);                      | ALTER TABLE t ADD COLUMN c text;",
        "prefer-identity           | CREATE TABLE u (id bigserial PRIMARY KEY);                   | CREATE TABLE u (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);",
        "truncate-cascade          | TRUNCATE t CASCADE;                                          | TRUNCATE t;",
        "domain-with-constraint    | CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');        | CREATE DOMAIN email AS text;",
        "unique-without-index      | ALTER TABLE t ADD COLUMN code text UNIQUE;                   | ALTER TABLE t ADD COLUMN code text;",
        "stored-generated-column   | ALTER TABLE t ADD COLUMN n int GENERATED ALWAYS AS (length(a)) STORED; | ALTER TABLE t ADD COLUMN n int;",
        "exclusion-constraint      | ALTER TABLE t ADD CONSTRAINT t_x EXCLUDE USING gist (id WITH =); | CREATE TABLE u (id bigint, EXCLUDE USING gist (id WITH =));",
        "table-rewrite-setting     | ALTER TABLE t SET UNLOGGED;                                  | ALTER TABLE t SET (fillfactor = 90);",
        "table-rewrite-setting     | ALTER TABLE t SET TABLESPACE pg_default;                     | ALTER TABLE t SET (autovacuum_enabled = false);",
        "refresh-not-concurrent    | REFRESH MATERIALIZED VIEW totals;                            | REFRESH MATERIALIZED VIEW CONCURRENTLY totals;",
        "prefer-jsonb              | ALTER TABLE t ADD COLUMN payload json;                       | ALTER TABLE t ADD COLUMN payload jsonb;",
        "backfill-with-ddl         | ALTER TABLE t ADD COLUMN b text; UPDATE t SET b = a;         | UPDATE t SET a = 'x' WHERE a IS NULL;",
    })
    void flagsTheStatementAndPassesItsSafeRewrite(String rule, String flagged, String safe, TestDatabase db) {
        assertThat(lint(db, flagged)).as(flagged).anySatisfy(finding -> {
            assertThat(finding.rule()).isEqualTo(rule);
            assertThat(finding.script()).endsWith("2_change.up.sql");
            assertThat(finding.line()).isEqualTo(1);
            assertThat(finding.problem()).isNotBlank();
            assertThat(finding.fix()).isNotBlank();
        });
        assertThat(lint(db, safe)).as(safe).noneMatch(finding -> finding.rule().equals(rule));
    }

    @Test
    void aTableCreatedInTheSameScriptIsNewSoItsIndexesAndConstraintsAreFine(TestDatabase db) {
        assertThat(lint(db, "CREATE TABLE u (id bigint PRIMARY KEY, a text);\nCREATE INDEX u_a ON u (a);\n"
                + "ALTER TABLE u ADD CONSTRAINT u_c CHECK (length(a) < 10);")).isEmpty();
    }

    @Test
    void aCommentAboveTheStatementSuppressesOneRule(TestDatabase db) {
        List<LintFinding> findings = lint(db, "-- migrate:lint-ignore index-not-concurrent t has 12 rows\n"
                + "CREATE INDEX t_a ON t (a);\nCREATE INDEX t_b ON t (a, id);");

        assertThat(findings).extracting(LintFinding::rule, LintFinding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("index-not-concurrent", 3));
    }

    @Test
    void statementsThatEndTheTransactionAndMissingDownScriptsAreFound(TestDatabase db) {
        folder().file("1_base.up.sql", "CREATE TABLE t (id bigint PRIMARY KEY);")
                .file("2_commit.up.sql", "INSERT INTO t VALUES (1);\nCOMMIT;\nINSERT INTO t VALUES (2);")
                .file("2_commit.down.sql", "SELECT 1;")
                .file("3_wrapped.up.sql", "BEGIN;\nINSERT INTO t VALUES (3);\nCOMMIT;")
                .file("3_wrapped.down.sql", "SELECT 1;");

        // golang-migrate wraps nothing, so a COMMIT part-way runs as written there and here: a warning, not an error
        assertThat(migrator(db).lintAll().findings()).extracting(f -> f.rule() + ":" + f.line() + ":" + f.severity())
                .containsExactly("missing-down-script:1:WARNING", "transaction-statement:2:WARNING");
    }

    @Test
    void aCommitPartWayIsAnErrorWhereTheToolWrapsTheFileInATransaction(TestDatabase db) {
        folder().file("0001_base.sql", "CREATE TABLE t (id bigint PRIMARY KEY);")
                .file("0002_commit.sql", "INSERT INTO t VALUES (1);\nCOMMIT;\nINSERT INTO t VALUES (2);");

        assertThat(migrator(db).lintAll().findings()).extracting(f -> f.rule() + ":" + f.line() + ":" + f.severity())
                .containsExactly("transaction-statement:2:ERROR");
    }

    @Test
    void aFolderWithoutAnyDownScriptKeepsItsConventionAndIsNotWarnedFileByFile(TestDatabase db) {
        folder().file("1_base.up.sql", "CREATE TABLE t (id bigint PRIMARY KEY);")
                .file("2_more.up.sql", "CREATE TABLE u (id bigint PRIMARY KEY);");

        assertThat(migrator(db).lintAll().findings()).isEmpty();
        assertThat(migrator(db).lint().findings()).isEmpty();
    }

    @Test
    void rulesOfOlderServersApplyOnlyThere() {
        Migration enumValue = new Migration(new Version(1), "plan", Script.of("1.sql",
                "ALTER TYPE plan ADD VALUE 'team';\nALTER TABLE t ADD COLUMN b text DEFAULT 'x';"), java.util.Optional.empty());

        assertThat(Linter.lint(List.of(enumValue), 110000)).extracting(LintFinding::rule)
                .containsExactly("enum-value-in-transaction");
        assertThat(Linter.lint(List.of(enumValue), 100023)).extracting(LintFinding::rule)
                .containsExactly("enum-value-in-transaction", "default-rewrites-before-11");
        assertThat(Linter.lint(List.of(enumValue), 160004)).isEmpty();
    }

    @Test
    void lintLooksAtThePendingMigrationsOnlyAndKnowsTheServer(TestDatabase db) {
        folder().file("1_base.up.sql", "CREATE TABLE t (id bigint PRIMARY KEY, a text);")
                .file("1_base.down.sql", "DROP TABLE t;")
                .file("2_index.up.sql", "CREATE INDEX t_a ON t (a);").file("2_index.down.sql", "DROP INDEX t_a;");
        migrator(db).migrate();
        folder().file("3_index.up.sql", "CREATE INDEX t_b ON t (a, id);").file("3_index.down.sql", "DROP INDEX t_b;");

        LintReport report = migrator(db).lint();

        assertThat(report.serverVersion()).isGreaterThanOrEqualTo(130000);
        assertThat(report.findings()).extracting(f -> f.script().substring(f.script().lastIndexOf('/') + 1))
                .containsOnly("3_index.up.sql", "3_index.down.sql".replace("down", "up"));
        assertThat(report.hasErrors()).isTrue();
    }

    /** Migration 1, applied: table t (id, a int) with a row, as production has it before the pending ones. */
    private void applyTableWithARow(TestDatabase db) {
        folder().file("1_base.up.sql", "CREATE TABLE t (id bigint PRIMARY KEY, a int);\nINSERT INTO t VALUES (1, 1);")
                .file("1_base.down.sql", "DROP TABLE t;");
        migrator(db).migrate();
    }

    @Test
    void onAScratchServerEachStatementIsTriedAndWhatItLockedAndRewroteIsReported(TestDatabase db) {
        applyTableWithARow(db);
        folder().file("2_change.up.sql", "ALTER TABLE t ADD COLUMN b int;\nALTER TABLE t ALTER COLUMN a TYPE bigint;\n"
                        + "CREATE INDEX t_b ON t (b);\nCREATE TABLE u (id bigint PRIMARY KEY);\nCREATE INDEX u_id2 ON u (id);")
                .file("2_change.down.sql", "SELECT 1;")
                .file("3_more.up.sql", "ALTER TABLE u ADD COLUMN v text;").file("3_more.down.sql", "SELECT 1;");

        try (TestDatabase scratch = dev.migrate.test.TestPostgres.createDatabase()) {
            LintReport report = migrator(db).lint(scratch.dataSource());

            assertThat(report.findings()).filteredOn(f -> f.rule().startsWith("server-"))
                    .extracting(f -> f.rule() + ":" + f.script().substring(f.script().lastIndexOf('/') + 1) + ":"
                            + f.line() + ":" + f.problem().substring(0, f.problem().indexOf(" (")))
                    .containsExactly(
                            "server-lock:2_change.up.sql:1:Takes ACCESS EXCLUSIVE",
                            // the type change also locks and rebuilds the primary key's index
                            "server-lock:2_change.up.sql:2:Takes ACCESS EXCLUSIVE",
                            "server-rewrite:2_change.up.sql:2:Rewrites t",
                            "server-rewrite:2_change.up.sql:2:Rewrites t_pkey",
                            // u was created by migration 2, so it existed before migration 3
                            "server-lock:3_more.up.sql:1:Takes ACCESS EXCLUSIVE");
            assertThat(report.findings()).anySatisfy(f -> assertThat(f.problem())
                    .isEqualTo("Takes ACCESS EXCLUSIVE (blocks reads and writes) on t (seen on the scratch server)."));
            assertThat(scratch.column("SELECT version FROM schema_migrations ORDER BY version"))
                    .containsExactly("1", "2", "3");
        }
        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactly("1");
    }

    @Test
    void aServerFindingIsSuppressedByTheSameCommentAsAStaticOne(TestDatabase db) {
        applyTableWithARow(db);
        folder().file("2_change.up.sql", "-- migrate:lint-ignore server-rewrite t holds twelve rows\n"
                        + "-- migrate:lint-ignore column-type-change as above\nALTER TABLE t ALTER COLUMN a TYPE bigint;")
                .file("2_change.down.sql", "SELECT 1;");

        try (TestDatabase scratch = dev.migrate.test.TestPostgres.createDatabase()) {
            LintReport report = migrator(db).lint(scratch.dataSource());

            // what it locks is still reported (the table and its primary key's index); the rewrite is not
            assertThat(report.findings()).extracting(f -> f.rule() + ":" + f.line() + ":" + f.statement() + ":"
                    + f.problem().substring(f.problem().indexOf(" on ") + 4, f.problem().indexOf(" (seen")))
                    .containsExactly("server-lock:3:ALTER TABLE t ALTER COLUMN a TYPE bigint:t",
                            "server-lock:3:ALTER TABLE t ALTER COLUMN a TYPE bigint:t_pkey");
            assertThat(report.hasErrors()).isFalse();
        }
    }

    @Test
    void theEmbeddedPostgresOnTheClasspathServesAsTheScratchServerAndIsGoneAfter(TestDatabase db) {
        assertThat(Migrator.embeddedServerAvailable()).isTrue();
        applyTableWithARow(db);
        assertThat(migrator(db).lintOnEmbeddedServer().scratchVersion()).as("nothing pending: no server").isZero();
        folder().file("2_change.up.sql", "ALTER TABLE t ALTER COLUMN a TYPE bigint;")
                .file("2_change.down.sql", "SELECT 1;");

        LintReport report = migrator(db).lintOnEmbeddedServer();

        assertThat(report.findings()).extracting(f -> f.rule() + ":" + f.line())
                .contains("server-lock:1", "server-rewrite:1", "column-type-change:1");
        assertThat(report.scratchVersion() / 10_000).isBetween(13, 18);
        assertThat(report.scratchVersionDiffers())
                .isEqualTo(report.scratchVersion() / 10_000 != report.serverVersion() / 10_000);
        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactly("1");
    }

    @Test
    void anEmbeddedServerThatDoesNotStartIsExplained() {
        DatabaseAccessException failure = DatabaseAccessException.embeddedServer(
                new java.io.IOException("initdb: error: cannot be run as root\nPlease log in as an unprivileged user"));

        assertThat(failure).hasMessage("Could not start the embedded PostgreSQL to lint on: initdb: error: cannot be "
                + "run as root. Nothing was changed. Give a scratch database instead (a URL of a database that may be "
                + "emptied).");
        assertThat(failure.connectionFailure()).isFalse();
    }

    @Test
    void aConcurrentIndexBesideOtherStatementsIsFoundSinceTheScriptThenLosesItsTransaction(TestDatabase db) {
        assertThat(lint(db, "ALTER TABLE t ADD COLUMN b text;\nCREATE INDEX CONCURRENTLY t_b ON t (b);"))
                .extracting(f -> f.rule() + ":" + f.line()).contains("concurrently-with-others:2");
        assertThat(lint(db, "CREATE INDEX CONCURRENTLY t_b ON t (a);")).extracting(LintFinding::rule)
                .doesNotContain("concurrently-with-others");
    }
}
