package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/** History rows land in the history table whatever the scripts do to search_path or to the table itself. */
class SearchPathTest extends FolderTest {

    @Test
    void aScriptThatEmptiesSearchPathAsPgDumpFilesDoIsRecorded(TestDatabase db) {
        folder().file("1_dump.sql", "SELECT pg_catalog.set_config('search_path', '', false);\n"
                        + "CREATE TABLE public.accounts (id int);")
                .file("2_more.sql", "SET search_path = '';\nCREATE TABLE public.orders (id int);")
                .file("3_again.sql", "CREATE TABLE public.items (id int);");

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).hasSize(3);
        assertThat(db.column("SELECT version::text FROM public.schema_migrations ORDER BY version"))
                .containsExactly("1", "2", "3");
        assertThat(migrator(db).migrate().upToDate()).isTrue();
    }

    @Test
    void aScriptThatMovesSearchPathToAnotherHistoryTableDoesNotDivertTheRows(TestDatabase db) {
        folder().file("1_other.sql", "CREATE SCHEMA other;\n"
                        + "CREATE TABLE other.schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);\n"
                        + "SET search_path = other;")
                .file("2_two.sql", "CREATE TABLE public.two (id int);")
                .file("3_three.sql", "CREATE TABLE public.three (id int);");

        migrator(db).migrate();

        assertThat(db.column("SELECT version::text FROM public.schema_migrations ORDER BY version"))
                .containsExactly("1", "2", "3");
        assertThat(db.value("SELECT count(*) FROM other.schema_migrations")).isEqualTo("0");
        assertThat(migrator(db).migrate().applied()).isEmpty();
    }

    @Test
    void theHistoryTableIsCreatedInTheFirstSchemaOfTheSearchPathAndFoundThereAfterwards(TestDatabase db) {
        db.execute("CREATE SCHEMA app");
        db.execute("ALTER DATABASE \"" + db.name() + "\" SET search_path = app, public");
        folder().file("1_a.sql", "CREATE TABLE a (id int); SET search_path = public;")
                .file("2_b.sql", "CREATE TABLE b (id int);");

        migrator(db).migrate();

        assertThat(db.value("SELECT count(*) FROM app.schema_migrations")).isEqualTo("2");
        assertThat(db.tableExists("public.schema_migrations")).isFalse();
    }

    @Test
    void aNoTransactionScriptThatDropsTheHistoryTableIsReportedNotLostSilently(TestDatabase db) {
        // golang-migrate's folder: its history table is schema_migrations, so the script drops the history itself.
        folder().file("000001_a.up.sql", "CREATE TABLE a (id int);")
                .file("000002_drop.up.sql", "-- migrate:no-transaction\nDROP TABLE schema_migrations;\nCREATE TABLE b (id int);");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(HistoryTableException.class)
                .hasMessage("The history row of migration 2 (drop) disappeared while the migration ran: its script "
                        + "dropped, emptied or replaced the history table schema_migrations. It does not run in a "
                        + "transaction, so its statements took effect but are not recorded. Restore the history table "
                        + "(from a backup, or with 'migrate baseline 2' once the table exists again), then run the "
                        + "migrations again.");
        assertThat(db.tableExists("b")).isTrue();
    }

    @Test
    void aTransactionalScriptThatDropsTheHistoryTableIsRolledBackAndSaysWhy(TestDatabase db) {
        folder().file("000001_a.up.sql", "CREATE TABLE a (id int);")
                .file("000002_drop.up.sql", "DROP TABLE schema_migrations;\nCREATE TABLE b (id int);");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(HistoryTableException.class)
                .hasMessageContaining("It ran in a transaction that was rolled back, so the database is as it was "
                        + "before it.");
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.column("SELECT version::text FROM schema_migrations")).containsExactly("1");
    }
}
