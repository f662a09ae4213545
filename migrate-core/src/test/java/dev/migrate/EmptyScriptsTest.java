package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * An empty up or down script does what the folder's own tool does with it. diesel refuses an empty migration
 * (its run_sql_from_file: "Attempted to run an empty migration."), so migrate refuses it before anything runs
 * rather than report it applied or rolled back with nothing run. golang-migrate and SQLx send the empty text and
 * record the version; Flyway 13.12, run here as the oracle, records an empty versioned script as applied too.
 */
class EmptyScriptsTest extends FolderTest {

    @Test
    void anEmptyDieselDownIsRefusedBeforeAnythingIsRolledBack(TestDatabase db) {
        folder().file("2025-01-01-000001_accounts/up.sql", "CREATE TABLE accounts (id int);")
                .file("2025-01-01-000001_accounts/down.sql", "DROP TABLE accounts;")
                .file("2025-01-01-000002_orders/up.sql", "CREATE TABLE orders (id int);")
                .file("2025-01-01-000002_orders/down.sql", "");
        migrator(db).migrate();

        assertThatThrownBy(() -> migrator(db).rollback(1)).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration 20250101000002 (orders) cannot run: " + dir.resolve(
                        "2025-01-01-000002_orders/down.sql") + " is empty, and diesel refuses to run an empty migration "
                        + "(\"Attempted to run an empty migration.\"). migrate refuses it too, rather than report it "
                        + "done with nothing run. Nothing was run. Write its SQL, or a comment such as '-- nothing to "
                        + "undo' to make it a deliberate no-op.");
        assertThat(db.tableExists("orders")).isTrue();
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("2");

        folder().file("2025-01-01-000002_orders/down.sql", "-- nothing to undo\n");
        assertThat(migrator(db).rollback(1).rolledBack()).hasSize(1);
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("1");
    }

    @Test
    void anEmptyDieselUpIsRefusedBeforeTheMigrationsBeforeItRun(TestDatabase db) {
        folder().file("2025-01-01-000001_accounts/up.sql", "CREATE TABLE accounts (id int);")
                .file("2025-01-01-000001_accounts/down.sql", "DROP TABLE accounts;")
                .file("2025-01-01-000002_orders/up.sql", "")
                .file("2025-01-01-000002_orders/down.sql", "SELECT 1;");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("up.sql is empty, and diesel refuses to run an empty migration");
        assertThat(db.tableExists("accounts")).isFalse();
    }

    @Test
    void anEmptyGolangMigrateFileIsAppliedAndRolledBackRunningNothingAsGolangMigrateDoes(TestDatabase db) {
        folder().file("000001_accounts.up.sql", "CREATE TABLE accounts (id int);")
                .file("000002_placeholder.up.sql", "")
                .file("000002_placeholder.down.sql", "");

        assertThat(migrator(db).migrate().applied()).hasSize(2);
        assertThat(migrator(db).rollback(1).rolledBack()).hasSize(1);
        assertThat(db.column("SELECT version::text FROM schema_migrations")).containsExactly("1");
    }

    @Test
    void anEmptySqlxFileIsApplied(TestDatabase db) {
        folder().file("0001_accounts.sql", "CREATE TABLE accounts (id int);").file("0002_nothing.sql", "");

        assertThat(migrator(db).migrate().applied()).hasSize(2);
    }

    @Test
    void anEmptyFlywayScriptIsRecordedAsFlywayRecordsIt(TestDatabase db) {
        folder().file("V1__accounts.sql", "CREATE TABLE accounts (id int);").file("V2__nothing.sql", "");
        try (TestDatabase byFlyway = dev.migrate.test.TestPostgres.createDatabase()) {
            Flyway.configure().dataSource(byFlyway.jdbcUrl(), byFlyway.user(), byFlyway.password())
                    .locations("filesystem:" + dir).load().migrate();
            assertThat(byFlyway.column("SELECT version || ':' || success FROM flyway_schema_history ORDER BY "
                    + "installed_rank")).containsExactly("1:true", "2:true");
        }

        assertThat(migrator(db).migrate().applied()).extracting(m -> m.version().toString()).containsExactly("1", "2");
    }
}
