package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database another tool brought to version 2 of the three fixture migrations: its history table made in that
 * tool's exact shape, and migrate run on the same folder applies version 3 only.
 */
@ExtendWith(PostgresExtension.class)
class AdoptionTest {

    private static final Path FIXTURES = Path.of("src/test/resources/layouts");

    private static Migrator migrator(TestDatabase db, String layout) {
        return Migrator.builder(db.dataSource()).locations("classpath:layouts/" + layout).build();
    }

    /** The schema of migrations 1 and 2, as the old tool left it (built here through a scratch table). */
    private static void schemaAtVersionTwo(TestDatabase db, String layout) {
        Migrator.builder(db.dataSource()).locations("classpath:layouts/" + layout).table("scratch").build()
                .migrate(versionTwo(layout));
        db.execute("DROP TABLE scratch");
    }

    private static Version versionTwo(String layout) {
        return switch (layout) {
            case "atlas", "dbmate", "diesel" -> new Version(20250101000002L);
            default -> new Version(2);
        };
    }

    private static void assertOnlyVersionThreeRan(TestDatabase db, String layout, String tool, MigrateResult result) {
        assertThat(result.applied()).hasSize(1);
        assertThat(result.applied().get(0).version().asLong().orElseThrow() % 10).isEqualTo(3);
        assertThat(db.column("SELECT coalesce(adopted_from, '-') FROM schema_migrations ORDER BY version"))
                .containsExactly(tool, tool, "-");
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_open'")).isEqualTo("1");
        assertThat(migrator(db, layout).status().adoptedFrom()).containsExactly(tool);
        assertThat(migrator(db, layout).validate().valid()).isTrue();
    }

    @Test
    void golangMigrate(TestDatabase db) {
        schemaAtVersionTwo(db, "golang-migrate");
        db.execute("CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null);"
                + "INSERT INTO schema_migrations VALUES (2, false)");

        MigrateResult result = migrator(db, "golang-migrate").migrate();

        assertOnlyVersionThreeRan(db, "golang-migrate", "golang-migrate", result);
        assertThat(db.value("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"))
                .isEqualTo("1");
    }

    @Test
    void golangMigrateDirtyStaysDirty(TestDatabase db) {
        schemaAtVersionTwo(db, "golang-migrate");
        db.execute("CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null);"
                + "INSERT INTO schema_migrations VALUES (2, true)");

        DirtyDatabaseException dirty = catchThrowableOfType(DirtyDatabaseException.class,
                () -> migrator(db, "golang-migrate").migrate());

        assertThat(dirty.version()).isEqualTo(new Version(2));
        // Refused before anything changed: golang-migrate's table is as golang-migrate left it, not yet adopted.
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations ORDER BY version"))
                .containsExactly("2:true");
        assertThat(db.column("SELECT column_name::text FROM information_schema.columns WHERE table_name = "
                + "'schema_migrations' ORDER BY ordinal_position")).containsExactly("version", "dirty");
        assertThat(db.tableExists("orders")).isTrue();
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_open'")).isEqualTo("0");
    }

    @Test
    void golangMigrateTableThatAMigrationExtendedKeepsTheUsersColumn(TestDatabase db) {
        schemaAtVersionTwo(db, "golang-migrate");
        // A past migration of the project added this to golang-migrate's table itself.
        db.execute("CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null);"
                + "ALTER TABLE schema_migrations ADD COLUMN applied_at timestamp DEFAULT now();"
                + "INSERT INTO schema_migrations (version, dirty) VALUES (2, false)");

        migrator(db, "golang-migrate").migrate();

        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_name = 'schema_migrations' "
                + "AND column_name LIKE '%applied_at' ORDER BY 1")).containsExactly("applied_at", "migrate_applied_at");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE migrate_applied_at IS NOT NULL")).isEqualTo("3");
    }

    @Test
    void aMigrationThatAddsAColumnToTheHistoryTableRunsAsUnderGolangMigrate(TestDatabase db) throws IOException {
        Path dir = Files.createTempDirectory("history-touching");
        Files.writeString(dir.resolve("000001_orders.up.sql"), "CREATE TABLE orders (id int);");
        // Written for golang-migrate's two-column table; under migrate it must work all the same.
        Files.writeString(dir.resolve("000002_track_apply_time.up.sql"),
                "ALTER TABLE schema_migrations ADD COLUMN applied_at timestamptz DEFAULT now();");
        Files.writeString(dir.resolve("000003_more.up.sql"), "CREATE TABLE more (id int);");

        MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.toString()).build().migrate();

        assertThat(result.applied()).hasSize(3);
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE migrate_applied_at IS NOT NULL")).isEqualTo("3");
        assertThat(Migrator.builder(db.dataSource()).locations(dir.toString()).build().validate().valid()).isTrue();
    }

    @Test
    void dbmate(TestDatabase db) {
        schemaAtVersionTwo(db, "dbmate");
        db.execute("CREATE TABLE schema_migrations (version varchar(128) primary key);"
                + "INSERT INTO schema_migrations VALUES ('20250101000001'), ('20250101000002')");

        assertOnlyVersionThreeRan(db, "dbmate", "dbmate", migrator(db, "dbmate").migrate());
        // Extended, never changed: dbmate's text versions stay text, so dbmate itself can still read and write it.
        assertThat(db.value("SELECT data_type FROM information_schema.columns WHERE table_name = 'schema_migrations' "
                + "AND column_name = 'version'")).isEqualTo("character varying");
    }

    @Test
    void sqlx(TestDatabase db) throws Exception {
        schemaAtVersionTwo(db, "sqlx");
        db.execute(sqlxTable());
        insertSqlx(db, 1, "create orders", "0001_create_orders.sql");
        insertSqlx(db, 2, "touch trigger", "0002_touch_trigger.sql");

        assertOnlyVersionThreeRan(db, "sqlx", "sqlx", migrator(db, "sqlx").migrate());
        assertThat(db.value("SELECT count(*) FROM _sqlx_migrations")).isEqualTo("2");
    }

    @Test
    void sqlxChecksumThatDiffersStopsBeforeAdoptingAnything(TestDatabase db) throws Exception {
        schemaAtVersionTwo(db, "sqlx");
        db.execute(sqlxTable());
        insertSqlx(db, 1, "create orders", "0001_create_orders.sql");
        db.execute("INSERT INTO _sqlx_migrations VALUES (2, 'touch trigger', now(), true, '\\x00ff', 1000)");

        ChecksumMismatchException failure = catchThrowableOfType(ChecksumMismatchException.class,
                () -> migrator(db, "sqlx").migrate());

        assertThat(failure.version()).isEqualTo(new Version(2));
        assertThat(failure.getMessage()).startsWith("Migration 2 (touch_trigger) was applied by sqlx, but its file "
                + "classpath:layouts/sqlx/0002_touch_trigger.sql has changed since (SHA-384 00ff -> ");
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void atlas(TestDatabase db) {
        schemaAtVersionTwo(db, "atlas");
        db.execute("CREATE SCHEMA atlas_schema_revisions; CREATE TABLE atlas_schema_revisions.atlas_schema_revisions ("
                + "version character varying NOT NULL PRIMARY KEY, description character varying NOT NULL, "
                + "type bigint NOT NULL DEFAULT 2, applied bigint NOT NULL DEFAULT 0, total bigint NOT NULL DEFAULT 0, "
                + "executed_at timestamptz NOT NULL, execution_time bigint NOT NULL, error text NULL, "
                + "error_stmt text NULL, hash character varying NOT NULL, partial_hashes jsonb NULL, "
                + "operator_version character varying NOT NULL);"
                + "INSERT INTO atlas_schema_revisions.atlas_schema_revisions VALUES "
                + "('.atlas_cloud_identifiers', 'bookkeeping', 0, 0, 0, now(), 0, NULL, NULL, '', NULL, 'Atlas CLI v0.30'),"
                + "('20250101000001', 'create_orders', 2, 2, 2, now(), 1500000, NULL, NULL, 'h1', '[]', 'Atlas CLI v0.30'),"
                + "('20250101000002', 'touch_trigger', 2, 2, 2, now(), 2500000, NULL, NULL, 'h2', '[]', 'Atlas CLI v0.30')");

        assertOnlyVersionThreeRan(db, "atlas", "atlas", migrator(db, "atlas").migrate());
    }

    @Test
    void diesel(TestDatabase db) {
        schemaAtVersionTwo(db, "diesel");
        db.execute("CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, "
                + "run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);"
                + "INSERT INTO __diesel_schema_migrations (version) VALUES ('20250101000001'), ('20250101000002')");

        assertOnlyVersionThreeRan(db, "diesel", "diesel", migrator(db, "diesel").migrate());
    }

    @Test
    void goose(TestDatabase db) {
        schemaAtVersionTwo(db, "goose");
        // Version 3 was applied once and rolled back: its latest row says not applied.
        db.execute("CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, "
                + "is_applied boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id));"
                + "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), "
                + "(3, true), (3, false)");

        assertOnlyVersionThreeRan(db, "goose", "goose", migrator(db, "goose").migrate());
    }

    @Test
    void aGooseHistoryWithAGoMigrationIsNotAdoptedHalfway(TestDatabase db) {
        schemaAtVersionTwo(db, "goose");
        // Version 5 was a Go migration: goose recorded it, but there is no SQL file for it here.
        db.execute("CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL, "
                + "is_applied boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id));"
                + "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), (5, true)");

        assertThatThrownBy(() -> migrator(db, "goose").migrate()).isInstanceOf(ValidationException.class);
        assertThat(db.tableExists("schema_migrations")).as("nothing adopted before the refusal").isFalse();
        assertThat(migrator(db, "goose").validate().problems()).anySatisfy(problem -> assertThat(problem)
                .isInstanceOf(MissingMigrationException.class).hasMessageStartingWith("Migration 5 was applied ("));
        assertThat(migrator(db, "goose").status().willAdoptFrom()).contains("goose");
    }

    @Test
    void flyway(TestDatabase db) {
        schemaAtVersionTwo(db, "flyway");
        db.execute("CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50), "
                + "description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, "
                + "checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT now(), "
                + "execution_time INT NOT NULL, success BOOLEAN NOT NULL);"
                + "INSERT INTO flyway_schema_history VALUES "
                + "(1, '1', 'create orders', 'SQL', 'V1__create_orders.sql', NULL, 'app', now(), 5, true),"
                + "(2, '2', 'touch trigger', 'SQL', 'V2__touch_trigger.sql', NULL, 'app', now(), 7, true)");

        assertOnlyVersionThreeRan(db, "flyway", "flyway", migrator(db, "flyway").migrate());
    }

    @Test
    void refinery(TestDatabase db) {
        // refinery's folders are Flyway's names; its history is a table of its own, as refinery creates it.
        schemaAtVersionTwo(db, "flyway");
        db.execute("CREATE TABLE refinery_schema_history (version INT4 PRIMARY KEY, name VARCHAR(255), "
                + "applied_on VARCHAR(255), checksum VARCHAR(255));"
                + "INSERT INTO refinery_schema_history VALUES (1, 'create_orders', '2025-03-01T10:15:00.123456789Z', "
                + "'11932448563925112301'), (2, 'touch_trigger', '2025-03-02T08:00:00Z', '4011597343462387213')");

        assertOnlyVersionThreeRan(db, "flyway", "refinery", migrator(db, "flyway").migrate());
        assertThat(db.value("SELECT count(*) FROM refinery_schema_history")).isEqualTo("2");
        assertThat(db.value("SELECT applied_at = '2025-03-02T08:00:00Z' FROM schema_migrations WHERE version = '2'"))
                .isEqualTo("t");
    }

    @Test
    void sqlMigrate(TestDatabase db) {
        schemaAtVersionTwo(db, "sql-migrate");
        db.execute("CREATE TABLE gorp_migrations (id text NOT NULL PRIMARY KEY, applied_at timestamp with time zone);"
                + "INSERT INTO gorp_migrations VALUES ('1_create_orders.sql', now()), ('2_touch_trigger.sql', now())");

        assertOnlyVersionThreeRan(db, "sql-migrate", "sql-migrate", migrator(db, "sql-migrate").migrate());
    }

    @Test
    void adoptsOnDemandAndShowsADryRunFirst(TestDatabase db) throws Exception {
        schemaAtVersionTwo(db, "sqlx");
        db.execute(sqlxTable());
        insertSqlx(db, 1, "create orders", "0001_create_orders.sql");
        insertSqlx(db, 2, "touch trigger", "0002_touch_trigger.sql");

        AdoptResult dryRun = migrator(db, "sqlx").planAdoption("sqlx");
        assertThat(db.tableExists("schema_migrations")).isFalse();
        AdoptResult adopted = migrator(db, "sqlx").adopt("sqlx");

        assertThat(dryRun.tool()).isEqualTo("sqlx");
        assertThat(dryRun.recorded()).extracting(AppliedMigration::version).containsExactly(new Version(1), new Version(2));
        assertThat(adopted.recorded()).hasSize(2);
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
        assertThat(migrator(db, "sqlx").planAdoption().recorded()).hasSize(2);
    }

    private static String sqlxTable() {
        return "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, "
                + "installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, "
                + "execution_time BIGINT NOT NULL)";
    }

    /** A row as SQLx writes it: the SHA-384 of the file's bytes, the time in nanoseconds. */
    private static void insertSqlx(TestDatabase db, int version, String description, String file) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-384").digest(Files.readAllBytes(FIXTURES.resolve("sqlx").resolve(file)));
        db.execute("INSERT INTO _sqlx_migrations VALUES (" + version + ", '" + description + "', now(), true, '\\x"
                + HexFormat.of().formatHex(hash) + "', 2500000)");
    }
}
