package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every application start pays when everything is applied, pinned by what it sends rather than by how long
 * it takes (timings belong to the benchmark module): one connection, two queries, no lock, no error.
 */
@ExtendWith(PostgresExtension.class)
class NothingToDoTest {

    @TempDir
    Path dir;

    @Test
    void aRunWithNothingToDoSendsAProbeAndOneReadOfTheHistory(TestDatabase db) {
        new MigrationFolder(dir).file("1_a.up.sql", "CREATE TABLE a ();").file("1_a.down.sql", "DROP TABLE a;")
                .file("2_b.sql", "CREATE TABLE b ();");
        Migrator.builder(db.dataSource()).locations(dir.toString()).build().migrate();
        StatementLog log = new StatementLog();

        MigrateResult result = Migrator.builder(log.around(db.dataSource())).locations(dir.toString()).build().migrate();

        assertThat(result.upToDate()).isTrue();
        assertThat(log.connections()).isEqualTo(1);
        assertThat(log.executed()).containsExactly("SELECT pg_catalog.format('%I.%I', n.nspname, c.relname), "
                + "c.oid::pg_catalog.regclass::text, t.ord FROM unnest(?::text[]) WITH ORDINALITY AS t(name, ord) "
                + "JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(t.name) "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ORDER BY t.ord LIMIT 1",
                "SELECT * FROM public.schema_migrations");
        assertThat(log.failed()).isEmpty();
    }

    @Test
    void aFirstRunOnAnEmptyDatabaseCausesNoServerSideError(TestDatabase db) {
        new MigrationFolder(dir).file("1_a.sql", "CREATE TABLE a ();");
        StatementLog log = new StatementLog();

        Migrator.builder(log.around(db.dataSource())).locations(dir.toString()).build().migrate();

        assertThat(db.tableExists("a")).isTrue();
        assertThat(log.executed()).isNotEmpty();
        assertThat(log.failed()).isEmpty();
    }

    @Test
    void statusReadsTheHistoryOnceAndShowsEveryRowWhole(TestDatabase db) {
        new MigrationFolder(dir).file("1_a.sql", "CREATE TABLE a ();").file("2_b.sql", "CREATE TABLE b ();");
        Migrator.builder(db.dataSource()).locations(dir.toString()).build().migrate();
        StatementLog log = new StatementLog();

        Status status = Migrator.builder(log.around(db.dataSource())).locations(dir.toString()).build().status();

        assertThat(log.executed()).filteredOn(sql -> sql.contains("schema_migrations")).hasSize(1);
        assertThat(status.migrations()).allSatisfy(m -> {
            assertThat(m.appliedAt()).isNotNull();
            assertThat(m.appliedBy()).isEqualTo(db.user());
        });
    }
}
