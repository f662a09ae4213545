package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Folders from projects that came from Rails or an in-house migrator create, change and drop a schema_migrations
 * table of their own. Under their tool that is harmless, since its history lives elsewhere; under migrate too:
 * the history moves aside to migrate_schema_migrations, found there afterwards.
 */
class FolderOwnsHistoryNameTest extends FolderTest {

    private MigrationFolder railsEraDieselFolder() {
        return new MigrationFolder(dir)
                .file("2019-01-01-000000_legacy/up.sql", "CREATE TABLE schema_migrations (version varchar(255) PRIMARY KEY);\n"
                        + "INSERT INTO schema_migrations VALUES ('20180101000000'), ('20180202000000');")
                .file("2019-01-01-000000_legacy/down.sql", "DROP TABLE schema_migrations;")
                .file("2019-02-01-000000_users/up.sql", "CREATE TABLE users (id serial PRIMARY KEY);")
                .file("2019-02-01-000000_users/down.sql", "DROP TABLE users;")
                .file("2019-03-01-000000_drop_legacy/up.sql", "DROP TABLE schema_migrations;")
                .file("2019-03-01-000000_drop_legacy/down.sql", "CREATE TABLE schema_migrations (version varchar(255) PRIMARY KEY);");
    }

    @Test
    void aFolderThatCreatesAndDropsItsOwnSchemaMigrationsAppliesFromAnEmptyDatabase(TestDatabase db) {
        railsEraDieselFolder();

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).hasSize(3);
        assertThat(db.tableExists("schema_migrations")).isFalse();
        assertThat(db.column("SELECT version::text FROM migrate_schema_migrations ORDER BY version"))
                .containsExactly("20190101000000", "20190201000000", "20190301000000");
        assertThat(migrator(db).migrate().upToDate()).isTrue();
        assertThat(migrator(db).rollback(1).rolledBack()).hasSize(1);
        assertThat(db.tableExists("schema_migrations")).isTrue();
    }

    @Test
    void aDieselHistoryBesideARailsEraSchemaMigrationsIsAdoptedAside(TestDatabase db) {
        railsEraDieselFolder();
        db.execute("CREATE TABLE schema_migrations (version varchar(255) PRIMARY KEY);"
                + "INSERT INTO schema_migrations VALUES ('20180101000000');"
                + "CREATE TABLE __diesel_schema_migrations (version varchar(50) PRIMARY KEY, run_on timestamp NOT NULL "
                + "DEFAULT CURRENT_TIMESTAMP); INSERT INTO __diesel_schema_migrations (version) VALUES ('20190101000000')");

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).extracting(m -> m.version().asLong().orElseThrow()).containsExactly(20190201000000L, 20190301000000L);
        assertThat(db.value("SELECT adopted_from FROM migrate_schema_migrations WHERE version = 20190101000000"))
                .isEqualTo("diesel");
    }

    @Test
    void aTableOfThatNameThatIsNobodysHistoryIsLeftAloneForAFolderWhoseToolKeepsItsHistoryElsewhere(TestDatabase db) {
        db.execute("CREATE TABLE schema_migrations (id serial PRIMARY KEY, name text NOT NULL);"
                + "INSERT INTO schema_migrations (name) VALUES ('init')");
        new MigrationFolder(dir).file("1_one.sql", "CREATE TABLE one ();");

        migrator(db).migrate();

        assertThat(db.column("SELECT name FROM schema_migrations")).containsExactly("init");
        assertThat(db.column("SELECT version::text FROM migrate_schema_migrations")).containsExactly("1");
    }

    @Test
    void aHistoryAlreadyUnderThatNameIsNeverTouchedAndTheRenameIsNamed(TestDatabase db) {
        new MigrationFolder(dir).file("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n");
        migrator(db).migrate();
        new MigrationFolder(dir).file("00002_legacy.sql", "-- +goose Up\nCREATE TABLE \"schema_migrations_archive\" (v text);\n"
                + "INSERT INTO schema_migrations_archive SELECT version::text FROM schema_migrations;\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration " + dir.resolve("00002_legacy.sql") + " (up) uses a table named schema_migrations, "
                        + "which is where migrate keeps its history here. Nothing was run. Move migrate's history out "
                        + "of the way, once: ALTER TABLE schema_migrations RENAME TO migrate_schema_migrations; migrate "
                        + "finds it there from then on.");
        assertThat(db.tableExists("schema_migrations_archive")).isFalse();

        db.execute("ALTER TABLE schema_migrations RENAME TO migrate_schema_migrations");
        assertThatThrownBy(() -> migrator(db).migrate()).as("the folder reads the old table, now gone")
                .isInstanceOf(MigrationFailedException.class);
        assertThat(migrator(db).status().migrations().get(0).state()).isEqualTo(MigrationState.APPLIED);
    }
}
