package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A statement_timeout set for the database or the role ends a migration that nothing in its script got wrong: the
 * failure names the setting, its value and where it is set, instead of "fix the script"; a cancelled CREATE INDEX
 * CONCURRENTLY's invalid index is named too.
 */
class ServerTimeoutTest extends FolderTest {

    @Test
    void aDatabaseLevelStatementTimeoutIsNamedNotBlamedOnTheScript(TestDatabase db) {
        db.execute("ALTER DATABASE \"" + db.name() + "\" SET statement_timeout = '300ms'");
        folder().file("1_slow.up.sql", "CREATE TABLE t (id int);\nSELECT pg_sleep(2);");

        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class,
                () -> migrator(db).migrate());

        assertThat(failed).hasMessageEndingWith("It ran in a transaction that was rolled back, so the database is as it "
                + "was before it. The server cancelled the statement after statement_timeout = 300ms, set for the "
                + "database (ALTER DATABASE ... SET statement_timeout), not for anything the script got wrong. Give "
                + "migrations the time they need: a '-- migrate:statement-timeout 30min' line in the script, or "
                + "-statement-timeout 0 (database.migrations.statement-timeout); then run the migrations again.")
                .hasMessageNotContaining("Fix the script");
        assertThat(db.tableExists("t")).isFalse();
    }

    @Test
    void aCancelledConcurrentIndexNamesTheInvalidIndexItLeft(TestDatabase db) {
        folder().file("1_table.up.sql", """
                        CREATE TABLE t (id int);
                        INSERT INTO t SELECT generate_series(1, 20);
                        CREATE FUNCTION slow(n int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
                        BEGIN
                          PERFORM pg_sleep(0.1);
                          RETURN n;
                        END;
                        $$;
                        """)
                .file("2_index.up.sql", "-- migrate:statement-timeout 300ms\nCREATE INDEX CONCURRENTLY t_slow ON t "
                        + "(slow(id));");

        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class,
                () -> migrator(db).migrate());

        assertThat(failed).hasMessageContaining("version 2 is marked dirty. A cancelled CREATE INDEX CONCURRENTLY "
                + "leaves its index behind, invalid: t_slow; drop it (DROP INDEX CONCURRENTLY) before the migration "
                + "runs again. The server cancelled the statement after the script's own statement-timeout of 300ms "
                + "('-- migrate:statement-timeout 300ms'). Give it the time it needs there, then run the migrations "
                + "again.");
        assertThat(db.value("SELECT count(*) FROM pg_index WHERE NOT indisvalid")).isEqualTo("1");
    }
}
