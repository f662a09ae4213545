package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where the history is read: in the given schema, else in the current schema only, as golang-migrate and dbmate
 * read theirs. Another service's table later on the search_path is never read; migrate's own history out of the
 * current schema, or in two schemas, is refused naming both; names differing only in case or too long for
 * PostgreSQL are refused. A refusal changes nothing.
 */
class HistoryPlaceTest extends FolderTest {

    private void twoMigrations() {
        folder().file("000001_accounts.up.sql", "CREATE TABLE accounts (id int);")
                .file("000002_orders.up.sql", "CREATE TABLE orders (id int);");
    }

    private static List<String> everything(TestDatabase db) {
        List<String> all = new ArrayList<>(db.catalog());
        all.addAll(db.rows());
        return all;
    }

    @Test
    void anotherServicesSchemaMigrationsLaterOnTheSearchPathIsNeverRead(TestDatabase db) {
        // As hosted PostgreSQL images leave it: an auth service's own history in a schema on the default path.
        db.execute("CREATE SCHEMA auth; CREATE TABLE auth.schema_migrations (version varchar(255) NOT NULL PRIMARY KEY);"
                + "INSERT INTO auth.schema_migrations SELECT '2017102621' || n FROM generate_series(10, 16) n;"
                + "ALTER DATABASE \"" + db.name() + "\" SET search_path = \"$user\", public, auth");
        twoMigrations();

        assertThat(migrator(db).migrate().applied()).hasSize(2);

        assertThat(db.column("SELECT version::text FROM public.schema_migrations ORDER BY version"))
                .containsExactly("1", "2");
        assertThat(db.value("SELECT count(*) FROM auth.schema_migrations")).isEqualTo("7");
        assertThat(migrator(db).status().migrations()).extracting(MigrationInfo::state)
                .containsOnly(MigrationState.APPLIED);
        assertThat(migrator(db).validate().valid()).isTrue();
    }

    @Test
    void aSchemaNamedAfterTheUserThatAppearsWithAnEmptyHistoryIsRefusedNamingBoth(TestDatabase db) {
        twoMigrations();
        migrator(db).migrate();
        db.execute("CREATE SCHEMA \"" + db.user() + "\"; CREATE TABLE \"" + db.user() + "\".schema_migrations "
                + "(version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
        List<String> before = everything(db);

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(HistoryTableException.class)
                .hasMessage("migrate's history table is public.schema_migrations, but migrate reads and writes its "
                        + "history in the current schema, " + db.user() + " (the first schema of the search_path that "
                        + "exists), where " + db.user() + ".schema_migrations is another table. Nothing was changed: "
                        + "going on would start a second history and run the migrations again. Give migrate the "
                        + "schema of its history (-schema public, database.migrations.schema=public), or set the "
                        + "search_path so that public comes first (the default search_path starts with a schema named "
                        + "after the user, once one exists).");
        assertThatThrownBy(() -> migrator(db).status()).isInstanceOf(HistoryTableException.class);
        assertThat(everything(db)).isEqualTo(before);
        MigrateResult withSchema = Migrator.builder(db.dataSource()).locations(dir.toString()).schema("public").build()
                .migrate();
        assertThat(withSchema.applied()).isEmpty();
    }

    @Test
    void aSchemaNamedAfterTheUserWithoutAHistoryIsRefusedToo(TestDatabase db) {
        twoMigrations();
        migrator(db).migrate();
        db.execute("CREATE SCHEMA \"" + db.user() + "\"");
        List<String> before = everything(db);

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(HistoryTableException.class)
                .hasMessageContaining("migrate's history table is public.schema_migrations, but migrate reads and "
                        + "writes its history in the current schema, " + db.user() + " (the first schema of the "
                        + "search_path that exists), which has no schema_migrations table. Nothing was changed");
        assertThat(everything(db)).isEqualTo(before);
    }

    @Test
    void migratesHistoryInTwoSchemasOfTheSearchPathIsRefused(TestDatabase db) {
        twoMigrations();
        migrator(db).migrate();
        db.execute("CREATE SCHEMA app; CREATE TABLE app.schema_migrations (LIKE public.schema_migrations INCLUDING ALL);"
                + "ALTER DATABASE \"" + db.name() + "\" SET search_path = app, public");
        List<String> before = everything(db);

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(HistoryTableException.class)
                .hasMessageStartingWith("migrate's history table is in more than one schema of the search_path: "
                        + "app.schema_migrations in the current schema, and public.schema_migrations. Nothing was "
                        + "changed: migrate cannot tell which of them is this database's history. Give migrate the "
                        + "schema of its history (-schema public");
        assertThat(everything(db)).isEqualTo(before);
    }

    @Test
    void aSchemaNameThatDiffersOnlyInCaseIsRefused(TestDatabase db) {
        twoMigrations();
        migrator(db).migrate();
        List<String> before = everything(db);
        Migrator upperCase = Migrator.builder(db.dataSource()).locations(dir.toString()).schema("Public").build();

        assertThatThrownBy(upperCase::migrate).isInstanceOf(HistoryTableException.class)
                .hasMessage("There is no schema named exactly Public, but there is public. migrate uses names exactly "
                        + "as given, as PostgreSQL uses quoted names (it folds only unquoted names to lower case), so "
                        + "it would start a second history beside public and run the migrations again. Nothing was "
                        + "changed. Give the name as the database has it: public.");
        assertThat(everything(db)).isEqualTo(before);
    }

    @Test
    void aTableNameThatDiffersOnlyInCaseIsRefused(TestDatabase db) {
        twoMigrations();
        migrator(db).migrate();
        List<String> before = everything(db);
        Migrator upperCase = Migrator.builder(db.dataSource()).locations(dir.toString()).table("SCHEMA_MIGRATIONS")
                .build();

        assertThatThrownBy(upperCase::migrate).isInstanceOf(HistoryTableException.class)
                .hasMessageStartingWith("There is no table named exactly public.SCHEMA_MIGRATIONS, but there is "
                        + "public.schema_migrations.");
        assertThatThrownBy(upperCase::status).isInstanceOf(HistoryTableException.class);
        assertThat(everything(db)).isEqualTo(before);
    }

    @Test
    void aNameLongerThanPostgresKeepsIsRefusedBeforeConnecting(TestDatabase db) {
        String name = "schema_migrations_of_the_accounts_service_in_the_eu_region_v2_xy"; // 64 bytes

        assertThatThrownBy(() -> Migrator.builder(db.dataSource()).table(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the history table name '" + name + "' is 64 bytes long, but PostgreSQL keeps names to 63 "
                        + "bytes and would cut it to '" + name.substring(0, 63) + "' without a word, so another long "
                        + "name could share its table but not its lock. Give a name of at most 63 bytes.");
        assertThatThrownBy(() -> Migrator.builder(db.dataSource()).schema("ü".repeat(32)))
                .hasMessageContaining("is 64 bytes long").hasMessageContaining("would cut it to '" + "ü".repeat(31)
                        + "'");
    }
}
