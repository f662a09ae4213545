package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each tool's folder layout, from fixtures in src/test/resources/layouts: all build the same schema (a table,
 * a plpgsql function with a trigger, a concurrent index where the layout allows no transaction).
 */
@ExtendWith(PostgresExtension.class)
class LayoutsTest {

    @TempDir
    Path dir;

    private static Migrator migrator(TestDatabase db, String layout) {
        return Migrator.builder(db.dataSource()).locations("classpath:layouts/" + layout).build();
    }

    /** The schema the golang-migrate fixture builds, on a database of its own. */
    private static List<String> reference() {
        try (TestDatabase reference = dev.migrate.test.TestPostgres.createDatabase()) {
            migrator(reference, "golang-migrate").migrate();
            return reference.catalog();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"golang-migrate", "diesel", "goose", "sql-migrate", "dbmate", "flyway"})
    void appliesRollsBackAndReappliesToTheSameSchema(String layout, TestDatabase db) {
        Migrator migrator = migrator(db, layout);

        MigrateResult up = migrator.migrate();
        List<String> first = db.catalog();
        MigrateResult down = migrator.run(Change.downAll());
        List<String> emptied = db.catalog();
        migrator.migrate();

        assertThat(up.applied()).hasSize(3);
        assertThat(first).isEqualTo(reference()).anyMatch(line -> line.startsWith("index CREATE INDEX orders_open"))
                .anyMatch(line -> line.startsWith("trigger CREATE TRIGGER orders_touch"));
        assertThat(down.rolledBack()).hasSize(3);
        assertThat(emptied).allMatch(line -> line.contains("schema_migrations"));
        assertThat(db.catalog()).isEqualTo(first);
        assertThat(migrator.status().layouts()).containsExactly(layout);
        assertThat(migrator.plan(Change.up()).empty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlx", "atlas"})
    void upOnlyLayoutsApplyToTheSameSchema(String layout, TestDatabase db) {
        Migrator migrator = migrator(db, layout);

        migrator.migrate();

        assertThat(db.catalog()).isEqualTo(reference());
        assertThat(migrator.status().layouts()).containsExactly(layout);
        assertThatThrownBy(() -> migrator.rollback(1)).isInstanceOf(IrreversibleMigrationException.class);
    }

    @Test
    void readsEachLayoutsTransactionOptions(TestDatabase db) {
        for (String layout : new String[] {"golang-migrate", "sqlx", "atlas", "diesel", "goose", "sql-migrate",
                "dbmate", "flyway"}) {
            List<PlannedMigration> plan = migrator(db, layout).plan(Change.up()).migrations();
            assertThat(plan).as(layout).extracting(PlannedMigration::transactional).containsExactly(true, true, false);
        }
    }

    @Test
    void keepsTheFilesLineNumbersInSections(TestDatabase db) throws IOException {
        Files.writeString(dir.resolve("00001_broken.sql"), """
                -- +goose Up
                CREATE TABLE fine (id int);
                CREATE TABLE broken (id nope);

                -- +goose Down
                DROP TABLE fine;
                """);

        MigrationFailedException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                MigrationFailedException.class, () -> Migrator.builder(db.dataSource()).locations(dir.toString()).build()
                        .migrate());

        assertThat(failure.error().line()).isEqualTo(3);
        assertThat(failure.script()).isEqualTo(dir.resolve("00001_broken.sql") + " (up)");
    }

    @Test
    void refusesAFolderThatMixesLayouts() throws IOException {
        Files.writeString(dir.resolve("00001_a.sql"), "-- +goose Up\nSELECT 1;\n");
        Files.writeString(dir.resolve("00002_b.up.sql"), "SELECT 2;");

        assertThatThrownBy(() -> Migrator.builder(new org.postgresql.ds.PGSimpleDataSource()).locations(dir.toString())
                        .build().plan(Change.up()))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration location " + dir + " mixes two layouts: " + dir.resolve("00001_a.sql")
                        + " is goose, but " + dir.resolve("00002_b.up.sql") + " is golang-migrate. Keep one tool's files "
                        + "per folder, or name the layout to use.");
    }

    @Test
    void refusesToRunWhenAtlasSumDoesNotMatchNamingTheFile(TestDatabase db) throws IOException {
        Path atlas = Path.of("src/test/resources/layouts/atlas");
        for (Path file : Files.list(atlas).toList()) {
            Files.copy(file, dir.resolve(file.getFileName()));
        }
        Files.writeString(dir.resolve("20250101000002_touch_trigger.sql"), "-- edited after hashing\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.toString()).build().migrate())
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageStartingWith(dir.resolve("atlas.sum") + " does not match the migration files: "
                        + dir.resolve("20250101000002_touch_trigger.sql") + " has changed since it was hashed (h1:")
                .hasMessageEndingWith("run 'atlas migrate hash' to record it. Nothing was run.");
        assertThat(db.tableExists("orders")).isFalse();
    }

    @Test
    void aForcedLayoutReadsFilesThatDetectionWouldMisread(TestDatabase db) throws IOException {
        // The comment looks like a dbmate marker: detected, only the lines below it would run.
        Files.writeString(dir.resolve("1_notes.sql"), "CREATE TABLE notes (body text);\n"
                + "-- migrate:up is how dbmate marks sections; this file is SQLx's\n"
                + "INSERT INTO notes VALUES ('whole file ran');\n");

        Migrator.builder(db.dataSource()).locations(dir.toString()).layout("sqlx").build().migrate();

        assertThat(db.value("SELECT body FROM notes")).isEqualTo("whole file ran");
        assertThatThrownBy(() -> Migrator.builder(db.dataSource()).layout("liquibase"))
                .hasMessage("unknown layout 'liquibase'; the layouts are golang-migrate, sqlx, atlas, diesel, goose, "
                        + "sql-migrate, dbmate, flyway");
    }
}
