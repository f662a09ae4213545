package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/** Repeatable migrations in a golang-migrate folder: the views-and-functions file users keep editing in place. */
class RepeatableTest extends FolderTest {

    private MigrationFolder base() {
        return folder().file("1_accounts.up.sql", "CREATE TABLE accounts (id int, plan text);")
                .file("1_accounts.down.sql", "DROP TABLE accounts;");
    }

    @Test
    void appliedAfterTheVersionedMigrationsInDescriptionOrderAndOnlyOnceWhileUnchanged(TestDatabase db) {
        base().file("R__b_pro_count.sql", "CREATE OR REPLACE VIEW pro_count AS SELECT count(*) AS n FROM pro_accounts;")
                .file("R__a_pro_accounts.sql", "CREATE OR REPLACE VIEW pro_accounts AS SELECT id FROM accounts "
                        + "WHERE plan = 'pro';");

        MigrateResult first = migrator(db).migrate();
        MigrateResult second = migrator(db).migrate();

        assertThat(first.applied()).hasSize(1);
        assertThat(first.repeatables()).extracting(AppliedRepeatable::description)
                .containsExactly("a pro accounts", "b pro count");
        assertThat(second.upToDate()).isTrue();
        assertThat(db.column("SELECT description FROM schema_migrations_repeatables ORDER BY description"))
                .containsExactly("a pro accounts", "b pro count");
        assertThat(migrator(db).status().repeatables()).extracting(RepeatableInfo::state)
                .containsOnly(MigrationState.APPLIED);
        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactly("1");
    }

    @Test
    void aChangedFileIsShownOutdatedPlannedAndAppliedAgain(TestDatabase db) {
        base().file("R__pro_accounts.sql", "CREATE OR REPLACE VIEW pro_accounts AS SELECT id FROM accounts WHERE plan = 'pro';");
        migrator(db).migrate();
        folder().file("R__pro_accounts.sql", "CREATE OR REPLACE VIEW pro_accounts AS SELECT id, plan FROM accounts "
                + "WHERE plan = 'pro';");

        assertThat(migrator(db).status().repeatables()).extracting(RepeatableInfo::state)
                .containsExactly(MigrationState.OUTDATED);
        Plan plan = migrator(db).plan(Change.up());
        assertThat(plan.migrations()).isEmpty();
        assertThat(plan.repeatables()).extracting(PlannedMigration::description).containsExactly("pro accounts");
        assertThat(migrator(db).migrate().repeatables()).hasSize(1);
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'pro_accounts'"))
                .isEqualTo("2");
        assertThat(migrator(db).plan(Change.up()).empty()).isTrue();
    }

    @Test
    void everyRunUpAppliesThemAsFlywayDoesAndRunsDownLeaveThem(TestDatabase db) {
        base().file("2_b.up.sql", "ALTER TABLE accounts ADD COLUMN b int;").file("2_b.down.sql", "SELECT 1;")
                .file("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM accounts;");

        assertThat(migrator(db).migrate(new Version(1)).repeatables()).hasSize(1);
        folder().file("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id, plan FROM accounts;");
        assertThat(migrator(db).run(Change.upNext(1)).repeatables()).hasSize(1);
        folder().file("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id, plan, b FROM accounts;");
        assertThat(migrator(db).plan(Change.down(1)).repeatables()).isEmpty();
        assertThat(migrator(db).rollback(1).repeatables()).isEmpty();
        assertThat(migrator(db).status().repeatables()).extracting(RepeatableInfo::state)
                .containsExactly(MigrationState.OUTDATED);
    }

    @Test
    void aFailureRollsBackThatRepeatableOnlyAndNamesItsLine(TestDatabase db) {
        base().file("R__views.sql", "CREATE VIEW fine AS SELECT 1 AS one;\nCREATE VIEW broken AS SELECT nope FROM accounts;\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("Repeatable migration 'views' failed at line 2 of " + dir.resolve("R__views.sql")
                        + ": column \"nope\" does not exist (SQLSTATE 42703)")
                .hasMessageContaining("It ran in a transaction that was rolled back, so the database is as it was "
                        + "before it, and the versioned migrations of this run stay applied.");
        assertThat(db.tableExists("accounts")).isTrue();
        assertThat(db.tableExists("fine")).isFalse();
        assertThat(migrator(db).status().repeatables()).extracting(RepeatableInfo::state)
                .containsExactly(MigrationState.PENDING);
    }

    @Test
    void twoRepeatablesOfOneDescriptionAreRefusedNamingBoth(TestDatabase db) {
        base().file("R__views.sql", "SELECT 1;");
        java.nio.file.Path other = dir.resolve("other");
        new MigrationFolder(other).file("R__views.sql", "SELECT 2;");
        Migrator twoLocations = Migrator.builder(db.dataSource()).locations(dir.toString(), other.toString()).build();

        assertThatThrownBy(twoLocations::migrate).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("is a repeatable migration with the description 'views', as is");
        assertThat(db.tableExists("accounts")).isFalse();
    }
}
