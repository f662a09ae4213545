package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.MigrateResult;
import dev.migrate.Migrator;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liquibase 4.33.0 against migrate on one changelog written here: both build the same schema and the same
 * {@code databasechangelog} rows (checksums included); Liquibase applies the first part and migrate the rest; and
 * after migrate has run it all, Liquibase finds nothing to run but its runAlways changeset (and the one
 * whose precondition passes it over).
 */
@ExtendWith(PostgresExtension.class)
class LiquibaseOracleTest {

    static final String MASTER = "db/changelog/db.changelog-master.sql";
    static final String RUN_ALWAYS = MASTER + "::9::ops";
    /** The changeset whose precondition's CONTINUE passes it over: Liquibase lists it as not run. */
    static final String PASSED_OVER = MASTER + "::10::ops";

    /** Every attribute of a formatted SQL changeset that changes what runs or what is recorded. */
    static final String CHANGELOG = """
            --liquibase formatted sql
            --property name:table_name value:accounts

            --changeset ops:1
            --comment: the accounts
            CREATE TABLE ${table_name} (id bigint PRIMARY KEY, name text NOT NULL);
            --rollback DROP TABLE ${table_name};

            --changeset ops:2 context:"dev, test" labels:Core,api
            INSERT INTO accounts VALUES (1, 'first');
            INSERT INTO accounts VALUES (2, 'second; with a semicolon');

            --changeset ops:3 runInTransaction:false
            CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);

            --changeset ops:4 runOnChange:true
            CREATE OR REPLACE VIEW account_names AS SELECT name FROM accounts;

            --changeset ops:5 dbms:oracle
            CREATE TABLE only_oracle (id int);

            --changeset ops:6 ignore:true
            CREATE TABLE ignored (id int);

            --changeset ops:7
            --preconditions onFail:MARK_RAN
            --precondition-table-exists table:legacy_accounts
            DROP TABLE legacy_accounts;
            --rollback empty

            --changeset ops:8 endDelimiter:/
            CREATE FUNCTION account_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM accounts'
            /
            CREATE TABLE audit (at timestamptz DEFAULT now())
            /
            --rollback DROP TABLE audit; DROP FUNCTION account_count();

            --changeset ops:9 runAlways:true
            UPDATE accounts SET name = name;
            --rollback not required

            --changeset ops:10
            --preconditions onFail:CONTINUE
            --precondition-sql-check expectedResult:0 SELECT count(*) FROM accounts
            DELETE FROM accounts;

            --changeset ops:11 dbms:postgresql
            ALTER TABLE accounts ADD COLUMN email text;
            --rollback ALTER TABLE accounts DROP COLUMN email;
            """;

    @TempDir
    Path root;
    private Liquibase4 liquibase;

    @BeforeEach
    void writeTheChangelog() throws Exception {
        new ChangelogFolder(root).write(MASTER, CHANGELOG);
        liquibase = new Liquibase4(root, MASTER);
    }

    @Test
    void migrateBuildsWhatLiquibaseBuildsAndWritesTheRowsLiquibaseWrites(TestDatabase ours) throws Exception {
        MigrateResult result = migrator(ours).migrate();
        assertThat(result.applied()).extracting(applied -> applied.description()).containsExactly(MASTER + "::1::ops",
                MASTER + "::2::ops", MASTER + "::3::ops", MASTER + "::4::ops", MASTER + "::7::ops",
                MASTER + "::8::ops", MASTER + "::9::ops", MASTER + "::11::ops");
        try (TestDatabase theirs = TestPostgres.createDatabase()) {
            liquibase.update(theirs);
            assertThat(schema(ours)).isEqualTo(schema(theirs));
            assertThat(history(ours)).isEqualTo(history(theirs));
        }
        assertThat(ours.column("SELECT deployment_id FROM databasechangelog")).allMatch(id -> id.matches("\\d{10}"))
                .hasSize(8).containsOnly(ours.value("SELECT deployment_id FROM databasechangelog LIMIT 1"));
        assertThat(liquibase.unrun(ours)).containsExactly(RUN_ALWAYS, PASSED_OVER);
        assertThat(ours.value("SELECT count(*) FROM databasechangeloglock WHERE locked")).isEqualTo("0");

        liquibase.update(ours);
        assertThat(history(ours)).hasSize(8);
        assertThat(migrator(ours).migrate().applied()).extracting(applied -> applied.description())
                .containsExactly(RUN_ALWAYS);
        assertThat(ours.value("SELECT exectype FROM databasechangelog WHERE id = '9'")).isEqualTo("RERAN");
    }

    @Test
    void liquibaseAppliesTheFirstPartAndMigrateTheRest(TestDatabase ours) throws Exception {
        liquibase.command(ours, "updateCount", Map.of("count", 3));
        assertThat(liquibase.unrun(ours)).hasSize(6);
        MigrateResult result = migrator(ours).migrate();
        assertThat(result.applied()).extracting(applied -> applied.description()).containsExactly(
                MASTER + "::4::ops", MASTER + "::7::ops", MASTER + "::8::ops", MASTER + "::9::ops",
                MASTER + "::11::ops");
        try (TestDatabase theirs = TestPostgres.createDatabase()) {
            liquibase.update(theirs);
            assertThat(schema(ours)).isEqualTo(schema(theirs));
            assertThat(history(ours)).isEqualTo(history(theirs));
        }
        assertThat(liquibase.unrun(ours)).containsExactly(RUN_ALWAYS, PASSED_OVER);
        assertThat(migrator(ours).migrate().applied()).extracting(applied -> applied.description())
                .containsExactly(RUN_ALWAYS);
    }

    @Test
    void liquibasesRollbackCountAndOurDownLeaveTheSameSchema(TestDatabase ours) throws Exception {
        migrator(ours).migrate();
        MigrateResult down = migrator(ours).rollback(4);
        assertThat(down.rolledBack()).extracting(row -> row.description()).containsExactly(MASTER + "::11::ops",
                MASTER + "::9::ops", MASTER + "::8::ops", MASTER + "::7::ops");
        try (TestDatabase theirs = TestPostgres.createDatabase()) {
            liquibase.update(theirs);
            liquibase.command(theirs, "rollbackCount", Map.of("count", 4));
            assertThat(schema(ours)).isEqualTo(schema(theirs));
            assertThat(history(ours)).isEqualTo(history(theirs));
        }
        assertThat(liquibase.unrun(ours)).containsExactly(MASTER + "::7::ops", MASTER + "::8::ops", RUN_ALWAYS,
                PASSED_OVER, MASTER + "::11::ops");
    }

    /** A migrator reading the changelog from the classpath, as Spring Boot gives it to Liquibase. */
    Migrator migrator(TestDatabase db) {
        return new ChangelogFolder(root).migrator(db, MASTER).build();
    }

    /** Every object and row of the schema, but the history's rows, which {@link #history} compares. */
    static List<String> schema(TestDatabase db) {
        return db.catalog().stream().filter(line -> !line.startsWith("table public.databasechangelog [")).toList();
    }

    /** The rows' columns both tools must agree on; the time, deployment and tool columns apart. */
    static List<String> history(TestDatabase db) {
        return db.column("SELECT concat_ws(' | ', id, author, filename, orderexecuted, exectype, md5sum, description, "
                + "'[' || comments || ']', tag, contexts, labels) FROM databasechangelog ORDER BY orderexecuted");
    }
}
