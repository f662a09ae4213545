package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.SchemaSnapshot;
import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Flyway's baseline migrations ({@code B1_1__x.sql}), with Flyway 13.12 itself as the oracle: an empty database runs
 * the newest baseline instead of the versions up to it, then the versions above it; a history holding the baseline
 * carries on from it; a history from before the baselines runs the versioned migrations as they are.
 */
class FlywayBaselineTest extends FolderTest {

    private static final Set<String> HISTORY = Set.of("schema_migrations", "flyway_schema_history");

    private void folderWithTwoBaselines() {
        folder().file("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .file("V1_1__orders.sql", "CREATE TABLE orders (id int);")
                .file("B1_1__baseline.sql", "CREATE TABLE accounts (id int);\nCREATE TABLE orders (id int);\n")
                .file("V2__invoices.sql", "CREATE TABLE invoices (id int);")
                .file("B2__baseline.sql", "CREATE TABLE accounts (id int);\nCREATE TABLE orders (id int);\n"
                        + "CREATE TABLE invoices (id int);\nCOMMENT ON TABLE invoices IS 'from the baseline';\n")
                .file("V3__refunds.sql", "CREATE TABLE refunds (id int);");
    }

    private Flyway flyway(TestDatabase db) {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("filesystem:" + dir)
                .load();
    }

    private static java.util.List<String> flywayHistory(TestDatabase db) {
        return db.column("SELECT version || ':' || type FROM flyway_schema_history ORDER BY installed_rank");
    }

    @Test
    void anEmptyDatabaseRunsTheNewestBaselineAndTheVersionsAboveItAsFlywayDoes(TestDatabase db) {
        folderWithTwoBaselines();
        try (TestDatabase byFlyway = TestPostgres.createDatabase()) {
            flyway(byFlyway).migrate();
            assertThat(flywayHistory(byFlyway)).containsExactly("2:SQL_BASELINE", "3:SQL");

            MigrateResult result = migrator(db).migrate();

            assertThat(result.applied()).extracting(m -> m.version() + " " + m.description())
                    .containsExactly("2 baseline", "3 refunds");
            assertThat(SchemaSnapshot.of(db, HISTORY)).isEqualTo(SchemaSnapshot.of(byFlyway, HISTORY));
            assertThat(db.value("SELECT obj_description('invoices'::regclass)")).isEqualTo("from the baseline");
        }
        assertThat(migrator(db).migrate().upToDate()).isTrue();
        assertThat(migrator(db).status().migrations()).extracting(m -> m.version() + ":" + m.state())
                .containsExactly("2:APPLIED", "3:APPLIED");
        assertThat(migrator(db).validate().valid()).isTrue();
    }

    @Test
    void aDatabaseFlywayBaselinedIsTakenOverAndNothingRunsAgain(TestDatabase db) {
        folderWithTwoBaselines();
        flyway(db).migrate();

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).isEmpty();
        assertThat(migrator(db).validate().valid()).isTrue();
        folder().file("V4__notes.sql", "CREATE TABLE notes (id int);");
        assertThat(migrator(db).migrate().applied()).extracting(m -> m.version().toString()).containsExactly("4");
    }

    @Test
    void aHistoryFromBeforeTheBaselinesRunsTheVersionedMigrationsAsFlywayDoes(TestDatabase db) {
        folder().file("V1__accounts.sql", "CREATE TABLE accounts (id int);");
        try (TestDatabase byFlyway = TestPostgres.createDatabase()) {
            migrator(db).migrate();
            flyway(byFlyway).migrate();
            folderWithTwoBaselines();
            flyway(byFlyway).migrate();
            assertThat(flywayHistory(byFlyway)).containsExactly("1:SQL", "1.1:SQL", "2:SQL", "3:SQL");

            MigrateResult result = migrator(db).migrate();

            assertThat(result.applied()).extracting(m -> m.version().toString()).containsExactly("1.1", "2", "3");
            assertThat(SchemaSnapshot.of(db, HISTORY)).isEqualTo(SchemaSnapshot.of(byFlyway, HISTORY));
        }
    }

    @Test
    void aTargetPicksTheNewestBaselineAtOrBelowIt(TestDatabase db) {
        // Flyway 13.12 runs the newest baseline whatever the target, past it; migrate stops where it is asked to.
        folderWithTwoBaselines();

        MigrateResult result = migrator(db).migrate(Version.parse("1.1"));

        assertThat(result.applied()).extracting(m -> m.version() + " " + m.description())
                .containsExactly("1.1 baseline");
        assertThat(migrator(db).migrate().applied()).extracting(m -> m.version().toString())
                .containsExactly("2", "3");
        assertThat(db.tableExists("invoices")).isTrue();
    }
}
