package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings Flyway users rely on: baseline on migrate, and init SQL on the migration connection. */
class FlywaySettingsTest extends FolderTest {

    private void folderOfAnExistingSchema() {
        folder().file("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .file("V2__email.sql", "ALTER TABLE accounts ADD COLUMN email text;");
    }

    @Test
    void baselineOnMigrateRecordsTheBaselineOfASchemaWithObjectsAndRunsWhatIsAbove(TestDatabase db) {
        folderOfAnExistingSchema();
        db.execute("CREATE TABLE accounts (id int)");

        MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.toString())
                .baselineOnMigrate(new Version(1)).build().migrate();

        assertThat(result.applied()).extracting(m -> m.version().toString()).containsExactly("2");
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts'")).isEqualTo("2");
    }

    @Test
    void baselineOnMigrateLeavesAnEmptySchemaAndAnExistingHistoryAlone(TestDatabase db) {
        folderOfAnExistingSchema();
        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).baselineOnMigrate(new Version(1))
                .build();

        assertThat(migrator.migrate(new Version(1)).applied()).hasSize(1);
        assertThat(migrator.migrate().applied()).extracting(m -> m.version().toString()).containsExactly("2");
    }

    @Test
    void withoutBaselineOnMigrateTheFirstMigrationFailsOnTheExistingTableAsBefore(TestDatabase db) {
        folderOfAnExistingSchema();
        db.execute("CREATE TABLE accounts (id int)");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("relation \"accounts\" already exists");
    }

    @Test
    void initSqlRunsFirstOnTheMigrationConnectionAndIsResetAfter(TestDatabase db) {
        db.execute("CREATE SCHEMA app");
        folder().file("V1__accounts.sql", "CREATE TABLE accounts (id int);");

        Migrator.builder(db.dataSource()).locations(dir.toString()).schema("public")
                .initSql(List.of("SET search_path = app", "SET application_name = 'migrations'")).build().migrate();

        assertThat(db.value("SELECT count(*) FROM pg_tables WHERE schemaname = 'app' AND tablename = 'accounts'"))
                .isEqualTo("1");
    }
}
