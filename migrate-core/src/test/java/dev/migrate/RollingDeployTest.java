package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old and new instances start side by side during a rolling deploy: the old ones find versions applied by the new
 * release, above every file they have. That is normal, reported, and refused only when asked.
 */
@ExtendWith(PostgresExtension.class)
class RollingDeployTest {

    @TempDir
    Path oldRelease;

    @TempDir
    Path newRelease;

    @BeforeEach
    void writeBothReleases() {
        for (Path release : List.of(oldRelease, newRelease)) {
            new MigrationFolder(release).file("1_users.sql", "CREATE TABLE users (id int);")
                    .file("2_orders.sql", "CREATE TABLE orders (id int);")
                    .file("3_items.sql", "CREATE TABLE items (id int);");
        }
        new MigrationFolder(newRelease).file("4_prices.sql", "CREATE TABLE prices (id int);")
                .file("5_stock.sql", "CREATE TABLE stock (id int);");
    }

    private static MigratorBuilder builder(TestDatabase db, Path release) {
        return Migrator.builder(db.dataSource()).locations(release.toString());
    }

    @Test
    void anOldReleaseStartsOnADatabaseANewerReleaseMigratedAndSaysSo(TestDatabase db) {
        builder(db, newRelease).build().migrate();
        Migrator old = builder(db, oldRelease).build();

        MigrateResult result = old.migrate();
        Status status = old.status();

        assertThat(result.upToDate()).isTrue();
        assertThat(result.version()).contains(new Version(5));
        assertThat(status.ahead()).containsExactly(new Version(4), new Version(5));
        assertThat(status.migrations()).extracting(MigrationInfo::state).containsExactly(MigrationState.APPLIED,
                MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.AHEAD, MigrationState.AHEAD);
        assertThat(old.validate().problems()).isEmpty();
        assertThat(old.status().latest()).contains(new Version(3));
    }

    @Test
    void aStrictReleaseRefusesADatabaseAheadOfItNamingWhatToDo(TestDatabase db) {
        builder(db, newRelease).build().migrate();
        Migrator strict = builder(db, oldRelease).allowDatabaseAhead(false).build();

        assertThatThrownBy(strict::migrate).isInstanceOf(MissingMigrationException.class)
                .hasMessageStartingWith("Migration 4 (prices) was applied (")
                .hasMessageEndingWith(") but has no file in " + oldRelease + ", whose newest migration is version 3: "
                        + "the database is ahead of this application, as when a newer release has migrated it. Deploy "
                        + "the newer release, or allow a database ahead (the default) to start anyway.");
        assertThat(strict.validate().problems()).extracting(p -> ((ValidationException) p).version())
                .containsExactly(new Version(4), new Version(5));
    }

    @Test
    void aFileMissingBelowTheNewestIsStillMissingWhileThoseAboveAreAhead(TestDatabase db) {
        builder(db, newRelease).build().migrate();
        new MigrationFolder(oldRelease).delete("2_orders.sql");

        Status status = builder(db, oldRelease).build().status();

        assertThat(status.migrations()).extracting(MigrationInfo::state).containsExactly(MigrationState.APPLIED,
                MigrationState.MISSING, MigrationState.APPLIED, MigrationState.AHEAD, MigrationState.AHEAD);
        assertThatThrownBy(() -> builder(db, oldRelease).build().migrate()).isInstanceOf(MissingMigrationException.class)
                .hasMessageStartingWith("Migration 2 (orders) was applied (");
    }

    @Test
    void anOldReleaseCannotRollBackWhatANewerReleaseApplied(TestDatabase db) {
        builder(db, newRelease).build().migrate();

        assertThatThrownBy(() -> builder(db, oldRelease).build().rollback(1))
                .isInstanceOf(IrreversibleMigrationException.class)
                .hasMessageContaining("5 (stock) (its files are missing)");
    }
}
