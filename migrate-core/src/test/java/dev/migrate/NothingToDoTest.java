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
        // Where the history is (the current schema, and migrate's history nowhere else on the search path), then it.
        assertThat(log.executed()).containsExactly("WITH place AS (SELECT CAST(? AS text) AS given, coalesce(CAST(? AS text), "
                + "pg_catalog.current_schema()) AS here), found AS (SELECT p.here, n.nspname, c.relname, t.ord, EXISTS "
                + "(SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'dirty' AND NOT "
                + "a.attisdropped) AND EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND "
                + "a.attname IN ('checksum', 'migrate_checksum') AND NOT a.attisdropped) AS ours FROM place p LEFT "
                + "JOIN (unnest(CAST(? AS text[])) WITH ORDINALITY AS t(name, ord) JOIN pg_catalog.pg_class c ON "
                + "c.relname = t.name AND c.relkind IN ('r', 'p', 'v', 'm', 'f') JOIN pg_catalog.pg_namespace n ON "
                + "n.oid = c.relnamespace) ON n.nspname = p.here OR (p.given IS NULL AND n.nspname = ANY "
                + "(pg_catalog.current_schemas(false)))) SELECT * FROM found UNION ALL SELECT p.here, n.nspname, "
                + "c.relname, 0, false FROM place p JOIN pg_catalog.pg_namespace n ON lower(n.nspname) = lower(p.here) "
                + "LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', "
                + "'f') AND lower(c.relname) = ANY (CAST(? AS text[])) WHERE NOT EXISTS (SELECT FROM found f WHERE "
                + "f.nspname = f.here) ORDER BY 4",
                "SELECT * FROM \"public\".\"schema_migrations\"");
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
