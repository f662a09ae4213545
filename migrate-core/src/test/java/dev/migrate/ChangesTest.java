package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Rollback, goto, force, baseline and plans, against a real database. */
@ExtendWith(PostgresExtension.class)
class ChangesTest {

    @TempDir
    Path dir;

    private MigrationFolder threePairs() {
        return new MigrationFolder(dir)
                .file("1_users.up.sql", "CREATE TABLE users (id int);").file("1_users.down.sql", "DROP TABLE users;")
                .file("2_orders.up.sql", "CREATE TABLE orders (id int);").file("2_orders.down.sql", "DROP TABLE orders;")
                .file("3_items.up.sql", "CREATE TABLE items (id int);").file("3_items.down.sql", "DROP TABLE items;");
    }

    private Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations(dir.toString()).build();
    }

    private static String versions(TestDatabase db) {
        return String.join(",", db.column("SELECT version FROM schema_migrations ORDER BY version"));
    }

    @Test
    void rollbackRunsDownScriptsNewestFirstAndRemovesTheirRows(TestDatabase db) {
        threePairs();
        migrator(db).migrate();

        MigrateResult result = migrator(db).rollback(2);

        assertThat(result.rolledBack()).extracting(AppliedMigration::version).containsExactly(new Version(3), new Version(2));
        assertThat(result.version()).contains(new Version(1));
        assertThat(versions(db)).isEqualTo("1");
        assertThat(db.tableExists("orders")).isFalse();
        assertThat(db.tableExists("users")).isTrue();
    }

    @Test
    void rollingBackEverythingLeavesNoVersion(TestDatabase db) {
        threePairs();
        migrator(db).migrate();

        MigrateResult result = migrator(db).run(Change.downAll());

        assertThat(result.rolledBack()).hasSize(3);
        assertThat(result.version()).isEmpty();
        assertThat(versions(db)).isEmpty();
        assertThat(migrator(db).rollback(1).upToDate()).isTrue();
    }

    @Test
    void refusesARollbackThatNeedsAMissingDownScriptAndChangesNothing(TestDatabase db) {
        threePairs().delete("2_orders.down.sql");
        migrator(db).migrate();

        IrreversibleMigrationException failure = catchThrowableOfType(IrreversibleMigrationException.class,
                () -> migrator(db).rollback(3));

        assertThat(failure.versions()).containsExactly(new Version(2));
        assertThat(failure).hasMessage("Cannot roll back: migration 2 (orders) has no down script. Nothing was "
                + "changed. Add the missing {version}_{description}.down.sql files, or roll back fewer steps.");
        assertThat(versions(db)).isEqualTo("1,2,3");
        assertThat(db.tableExists("items")).isTrue();
        assertThat(migrator(db).rollback(1).rolledBack()).hasSize(1);
    }

    @Test
    void aFailingDownScriptIsRolledBackAndKeepsItsMigrationApplied(TestDatabase db) {
        threePairs().file("3_items.down.sql", "DROP TABLE items;\nDROP TABLE nothing_here;");
        migrator(db).migrate();

        MigrationFailedException failure = catchThrowableOfType(MigrationFailedException.class,
                () -> migrator(db).rollback(1));

        assertThat(failure.direction()).isEqualTo(Direction.DOWN);
        assertThat(failure).hasMessage("Rollback of migration 3 (items) failed at line 2 of "
                + dir.resolve("3_items.down.sql") + ": table \"nothing_here\" does not exist (SQLSTATE 42P01)\n"
                + "It ran in a transaction that was rolled back, so migration 3 is still applied. Fix the down script "
                + "and roll back again.");
        assertThat(db.tableExists("items")).isTrue();
        assertThat(versions(db)).isEqualTo("1,2,3");
    }

    @Test
    void rollsBackANoTransactionDownScript(TestDatabase db) {
        new MigrationFolder(dir).file("1_t.up.sql", "CREATE TABLE t (id int);").file("1_t.down.sql", "DROP TABLE t;")
                .file("2_idx.up.sql", "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY t_id ON t (id);")
                .file("2_idx.down.sql", "-- migrate:no-transaction\nDROP INDEX CONCURRENTLY t_id;");
        migrator(db).migrate();

        migrator(db).rollback(1);

        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 't_id'")).isEqualTo("0");
        assertThat(versions(db)).isEqualTo("1");
    }

    @Test
    void goToMovesUpOrDownToExactlyThatVersion(TestDatabase db) {
        threePairs();

        assertThat(migrator(db).goTo(new Version(2)).version()).contains(new Version(2));
        assertThat(versions(db)).isEqualTo("1,2");
        assertThat(migrator(db).goTo(new Version(3)).applied()).hasSize(1);
        assertThat(migrator(db).goTo(new Version(1)).rolledBack()).hasSize(2);
        assertThat(versions(db)).isEqualTo("1");
        assertThat(migrator(db).goTo(new Version(1)).upToDate()).isTrue();
    }

    @Test
    void goToAnUnknownVersionChangesNothing(TestDatabase db) {
        threePairs();
        migrator(db).migrate();

        assertThatThrownBy(() -> migrator(db).goTo(new Version(7)))
                .isInstanceOf(VersionNotFoundException.class)
                .hasMessage("No migration has version 7 in " + dir + " (versions 1 to 3). Use a version that the "
                        + "status lists.");
        assertThat(versions(db)).isEqualTo("1,2,3");
    }

    @Test
    void upNextAppliesOnlyThatMany(TestDatabase db) {
        threePairs();

        assertThat(migrator(db).run(Change.upNext(2)).version()).contains(new Version(2));
        assertThat(versions(db)).isEqualTo("1,2");
    }

    @Test
    void forceRecoversADirtyDatabaseEitherWay(TestDatabase db) {
        MigrationFolder folder = new MigrationFolder(dir).file("1_a.sql", "CREATE TABLE a (id int);")
                .file("2_b.sql", "-- migrate:no-transaction\nCREATE TABLE b (id int);\nCREATE TABLE b (id int);");
        catchThrowableOfType(MigrationFailedException.class, () -> migrator(db).migrate());

        // The operator decides the schema is at version 2 after all (table b exists).
        ForceResult forced = migrator(db).force(new Version(2));

        assertThat(forced.wasDirty()).isTrue();
        assertThat(forced.previousVersion()).contains(new Version(2));
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations ORDER BY version"))
                .containsExactly("1:false", "2:false");
        assertThat(migrator(db).validate().valid()).isTrue();

        // ...or undoes it and goes back to 1, then fixes the file and migrates again.
        migrator(db).force(new Version(1));
        db.execute("DROP TABLE b");
        folder.file("2_b.sql", "-- migrate:no-transaction\nCREATE TABLE b (id int);");
        assertThat(migrator(db).migrate().applied()).hasSize(1);
    }

    @Test
    void forceMinusOneForgetsEveryVersion(TestDatabase db) {
        threePairs();
        migrator(db).migrate();

        ForceResult forced = migrator(db).forceNoVersion();

        assertThat(forced.version()).isEmpty();
        assertThat(versions(db)).isEmpty();
        assertThat(db.tableExists("users")).isTrue();
    }

    @Test
    void forceToAVersionWithNoFileIsAnError(TestDatabase db) {
        threePairs();

        assertThatThrownBy(() -> migrator(db).force(new Version(9))).isInstanceOf(VersionNotFoundException.class);
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void baselineRecordsExistingSchemaWithoutRunningIt(TestDatabase db) {
        threePairs();
        db.execute("CREATE TABLE users (id int); CREATE TABLE orders (id int);");

        BaselineResult baseline = migrator(db).baseline(new Version(2));
        MigrateResult result = migrator(db).migrate();

        assertThat(baseline.recorded()).containsExactly(new Version(1), new Version(2));
        assertThat(result.applied()).extracting(AppliedMigration::version).containsExactly(new Version(3));
        assertThat(db.value("SELECT execution_ms FROM schema_migrations WHERE version = 1")).isEqualTo("0");
    }

    @Test
    void planShowsWhatWouldRunWithoutChangingAnything(TestDatabase db) {
        threePairs().file("2_orders.up.sql", "-- migrate:no-transaction\nCREATE TABLE orders (id int);");
        migrator(db).migrate(new Version(1));

        Plan up = migrator(db).plan(Change.up());
        Plan down = migrator(db).plan(Change.down(1));
        Plan back = migrator(db).plan(Change.goTo(new Version(1)));

        assertThat(up.version()).contains(new Version(1));
        assertThat(up.target()).contains(new Version(3));
        assertThat(up.migrations()).extracting(m -> m.version() + " " + m.direction().id() + " " + m.transactional())
                .containsExactly("2 up false", "3 up true");
        assertThat(up.migrations().get(1).sql()).isEqualTo("CREATE TABLE items (id int);");
        assertThat(up.migrations().get(1).script()).isEqualTo(dir.resolve("3_items.up.sql").toString());
        assertThat(down.migrations()).extracting(PlannedMigration::direction).containsExactly(Direction.DOWN);
        assertThat(down.target()).isEmpty();
        assertThat(back.empty()).isTrue();
        assertThat(versions(db)).isEqualTo("1");
        assertThat(db.tableExists("orders")).isFalse();
    }

    @Test
    void aPlanFailsAsTheRunWould(TestDatabase db) {
        threePairs();
        migrator(db).migrate(new Version(2));
        new MigrationFolder(dir).file("1_users.up.sql", "CREATE TABLE users (id bigint);");

        assertThatThrownBy(() -> migrator(db).plan(Change.up())).isInstanceOf(ChecksumMismatchException.class);
        assertThatCode(() -> migrator(db).plan(Change.down(2))).doesNotThrowAnyException();
    }
}
