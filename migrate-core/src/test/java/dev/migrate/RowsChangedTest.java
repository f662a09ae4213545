package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A migration that deletes another version's history row is caught before its transaction commits: the deleted
 * version would otherwise run again, and the advice that followed ("allow out-of-order") would run it.
 */
class RowsChangedTest extends FolderTest {

    @Test
    void aMigrationDeletingAnotherVersionsRowIsRolledBackBeforeCommit(TestDatabase db) {
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id int);")
                .file("2_orders.up.sql", "CREATE TABLE orders (id int);")
                .file("3_cleanup.up.sql", "CREATE TABLE invoices (id int);\n"
                        + "DELETE FROM schema_migrations WHERE version = 1;");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(HistoryTableException.class)
                .hasMessage("Migration 3 (cleanup) deleted other versions' rows from the history table "
                        + "schema_migrations while it ran (3 rows expected after it, 2 found): a deleted row would make "
                        + "its version run again. It ran in a transaction that was rolled back, so the database is as "
                        + "it was before it. Remove the statements that write to schema_migrations from the script, "
                        + "then run the migrations again.");
        assertThat(db.column("SELECT version::text FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
        assertThat(db.tableExists("invoices")).isFalse();
    }

    @Test
    void stepByStepAndGoingDownAlike(TestDatabase db) {
        folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id int);")
                .file("2_forged.up.sql", "DELETE FROM schema_migrations WHERE version = 1;");
        // A callback of each migration sends each on its own.
        Callback eachMigration = new Callback() {
            @Override
            public boolean supports(Event event) {
                return event == Event.BEFORE_EACH_MIGRATE;
            }

            @Override
            public void handle(Event event, Context context) {
            }
        };
        Migrator stepByStep = Migrator.builder(db.dataSource()).locations(dir.toString()).callback(eachMigration)
                .build();

        assertThatThrownBy(stepByStep::migrate).isInstanceOf(HistoryTableException.class)
                .hasMessageStartingWith("Migration 2 (forged) deleted other versions' rows from the history table "
                        + "schema_migrations while it ran (2 rows expected after it, 1 found)");
        assertThat(db.column("SELECT version::text FROM schema_migrations ORDER BY version")).containsExactly("1");

        folder().delete("2_forged.up.sql").file("2_orders.up.sql", "CREATE TABLE orders (id int);")
                .file("2_orders.down.sql", "DROP TABLE orders;\nDELETE FROM schema_migrations WHERE version = 1;");
        migrator(db).migrate();
        assertThatThrownBy(() -> migrator(db).rollback(1)).isInstanceOf(HistoryTableException.class)
                .hasMessageStartingWith("Migration 2 (orders) deleted other versions' rows from the history table "
                        + "schema_migrations while it ran (1 rows expected after it, 0 found)");
        assertThat(db.column("SELECT version::text FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
        assertThat(db.tableExists("orders")).isTrue();
    }
}
