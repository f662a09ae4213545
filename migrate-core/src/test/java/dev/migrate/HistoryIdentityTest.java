package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table at the history table's name is taken for a history only by its exact definition and its rows. For
 * every table that is not one migrate may adopt (Flyway's under three names, a Rails-style and an auth service's
 * {@code schema_migrations}, tables of a known shape whose rows say otherwise, a table nobody's), every command
 * refuses, naming what it found, and the catalog and every row of the database are as they were before.
 */
@ExtendWith(PostgresExtension.class)
class HistoryIdentityTest {

    @TempDir
    Path dir;

    /** Every command that reads the history before it would change anything. */
    private static final Map<String, Function<Migrator, Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("up", Migrator::migrate);
        COMMANDS.put("down 1", migrator -> migrator.rollback(1));
        COMMANDS.put("status", Migrator::status);
        COMMANDS.put("plan", migrator -> migrator.plan(Change.up()));
        COMMANDS.put("validate", migrator -> {
            List<MigrateException> problems = migrator.validate().problems();
            if (!problems.isEmpty()) {
                throw problems.get(0);
            }
            return null;
        });
        COMMANDS.put("baseline 1", migrator -> migrator.baseline(new Version(1)));
        COMMANDS.put("force 1", migrator -> migrator.force(new Version(1)));
        COMMANDS.put("adopt", Migrator::adopt);
    }

    private Migrator golangMigrateFolder(TestDatabase db, String table) {
        new MigrationFolder(dir).file("000001_accounts.up.sql", "CREATE TABLE accounts (id int);")
                .file("000001_accounts.down.sql", "DROP TABLE accounts;")
                .file("000002_orders.up.sql", "CREATE TABLE orders (id int);")
                .file("000002_orders.down.sql", "DROP TABLE orders;");
        return Migrator.builder(db.dataSource()).locations(dir.toString()).table(table).build();
    }

    private Migrator flywayFolder(TestDatabase db, String table) {
        new MigrationFolder(dir).file("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .file("V2__orders.sql", "CREATE TABLE orders (id int);");
        return Migrator.builder(db.dataSource()).locations(dir.toString()).table(table).build();
    }

    /** Flyway 13.12 itself applies the folder, keeping its history under {@code table}. */
    private void flywayApplies(TestDatabase db, String table) {
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).locations("filesystem:" + dir)
                .table(table).load().migrate();
    }

    private static void everyCommandRefusesAndChangesNothing(TestDatabase db, Migrator migrator, String message) {
        List<String> before = new ArrayList<>(db.catalog());
        before.addAll(db.rows());
        for (Map.Entry<String, Function<Migrator, Object>> command : COMMANDS.entrySet()) {
            Throwable refused = catchThrowable(() -> command.getValue().apply(migrator));
            assertThat(refused).as(command.getKey()).isInstanceOf(HistoryTableException.class)
                    .hasMessageContaining(message).hasMessageContaining("Nothing was changed.");
            List<String> after = new ArrayList<>(db.catalog());
            after.addAll(db.rows());
            assertThat(after).as("the database after " + command.getKey()).isEqualTo(before);
        }
    }

    @Test
    void flywaysHistoryUnderACustomNameIsNeverWrittenTo(TestDatabase db) {
        Migrator migrator = flywayFolder(db, "schema_version");
        flywayApplies(db, "schema_version");

        everyCommandRefusesAndChangesNothing(db, migrator, "Table schema_version is Flyway's history table "
                + "(installed_rank integer NOT NULL, version character varying(50), description character varying(200) "
                + "NOT NULL, type character varying(20) NOT NULL, script character varying(1000) NOT NULL, checksum "
                + "integer, installed_by character varying(100) NOT NULL, installed_on timestamp without time zone NOT "
                + "NULL, execution_time integer NOT NULL, success boolean NOT NULL and primary key (installed_rank)). "
                + "migrate never writes to another tool's history table: it keeps a history of its own and adopts "
                + "Flyway's into it. Nothing was changed. Leave the history table's name at its default, "
                + "schema_migrations (no -table, no database.migrations.table), or give it another name of migrate's "
                + "own: migrate finds Flyway's history table by its columns, whatever its name, and adopts "
                + "schema_version on the next run.");
    }

    @Test
    void flywaysHistoryIsAdoptedWhateverItsNameAndLeftAsItWas(TestDatabase db) {
        new MigrationFolder(dir).file("V1__accounts.sql", "CREATE TABLE accounts (id int);");
        flywayApplies(db, "schema_version");
        List<String> flywaysRows = db.rows().stream().filter(line -> line.contains("schema_version")).toList();
        Migrator migrator = flywayFolder(db, Migrator.DEFAULT_TABLE);

        MigrateResult result = migrator.migrate();

        assertThat(result.applied()).extracting(m -> m.version().toString()).containsExactly("2");
        assertThat(db.column("SELECT version || ':' || coalesce(adopted_from, '-') FROM schema_migrations ORDER BY "
                + "version")).containsExactly("1:flyway", "2:-");
        assertThat(db.rows().stream().filter(line -> line.contains("schema_version")).toList()).isEqualTo(flywaysRows);
    }

    @Test
    void twoFlywayTablesNeitherOfTheDefaultNameAreNotGuessedBetween(TestDatabase db) {
        Migrator migrator = flywayFolder(db, Migrator.DEFAULT_TABLE);
        flywayApplies(db, "schema_version");
        // A copy kept by hand, as after a rename that was never cleaned up.
        db.execute("CREATE TABLE old_schema_version (LIKE schema_version INCLUDING ALL);"
                + "INSERT INTO old_schema_version SELECT * FROM schema_version");

        everyCommandRefusesAndChangesNothing(db, migrator, "Tables old_schema_version and schema_version each have "
                + "Flyway's history columns, so migrate cannot tell which is this database's history to adopt. Nothing "
                + "was changed.");
    }

    @Test
    void flywaysHistoryUnderItsDefaultNameNamedAsMigratesIsRefused(TestDatabase db) {
        Migrator migrator = flywayFolder(db, "flyway_schema_history");
        flywayApplies(db, "flyway_schema_history");

        everyCommandRefusesAndChangesNothing(db, migrator, "Table flyway_schema_history is Flyway's history table");
    }

    @Test
    void flywayThreesSchemaVersionIsFlywaysToo(TestDatabase db) {
        Migrator migrator = flywayFolder(db, "schema_version");
        // The table as Flyway 3 left it in older Spring services: version_rank, and the version as its key.
        db.execute("""
                CREATE TABLE accounts (id int);
                CREATE TABLE schema_version (version_rank int NOT NULL, installed_rank int NOT NULL,
                  version varchar(50) NOT NULL PRIMARY KEY, description varchar(200) NOT NULL, type varchar(20) NOT NULL,
                  script varchar(1000) NOT NULL, checksum int, installed_by varchar(100) NOT NULL,
                  installed_on timestamp NOT NULL DEFAULT now(), execution_time int NOT NULL, success boolean NOT NULL);
                INSERT INTO schema_version VALUES (1, 1, '1', 'accounts', 'SQL', 'V1__accounts.sql', NULL, 'app',
                  now(), 5, true);
                """);

        everyCommandRefusesAndChangesNothing(db, migrator, "Table schema_version is Flyway's history table");
    }

    @Test
    void aRailsStyleSchemaMigrationsOfOtherVersionsIsRefused(TestDatabase db) {
        Migrator migrator = golangMigrateFolder(db, "schema_migrations");
        db.execute("""
                CREATE TABLE schema_migrations (version character varying NOT NULL PRIMARY KEY);
                CREATE TABLE ar_internal_metadata (key character varying NOT NULL PRIMARY KEY, value character varying);
                INSERT INTO schema_migrations VALUES ('20190301101500'), ('20190412093000');
                INSERT INTO ar_internal_metadata VALUES ('environment', 'production');
                """);

        everyCommandRefusesAndChangesNothing(db, migrator, "Table schema_migrations has dbmate's columns (version "
                + "varchar PRIMARY KEY), but none of its 2 versions (20190301101500, 20190412093000) is a migration of "
                + "this folder, so it may as well be another application's table of that shape (Rails and some auth "
                + "services keep one). Nothing was changed. If it is another's, give migrate a table name of its own "
                + "(-table, database.migrations.table); if it is this folder's history, restore the files of its "
                + "versions.");
    }

    @Test
    void anAuthServicesSchemaMigrationsIsRefused(TestDatabase db) {
        Migrator migrator = golangMigrateFolder(db, "schema_migrations");
        // The shape an auth service keeps in the current schema: no primary key, a unique index instead.
        db.execute("""
                CREATE TABLE schema_migrations (version character varying(255) NOT NULL);
                CREATE UNIQUE INDEX schema_migrations_version_idx ON schema_migrations (version);
                INSERT INTO schema_migrations VALUES ('20171026211738'), ('20171026211808');
                """);

        everyCommandRefusesAndChangesNothing(db, migrator, "Table schema_migrations exists but is not a migrate "
                + "history table (it has the columns version character varying(255) NOT NULL and no primary key; "
                + "migrate needs version, dirty, description, checksum, applied_at, execution_ms, applied_by, "
                + "adopted_from, claimed_by).");
    }

    @Test
    void golangMigratesShapeWithManyRowsIsNotGolangMigrates(TestDatabase db) {
        Migrator migrator = golangMigrateFolder(db, "schema_migrations");
        db.execute("""
                CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
                INSERT INTO schema_migrations VALUES (1, false), (2, false), (3, false);
                """);

        everyCommandRefusesAndChangesNothing(db, migrator, "Table schema_migrations has golang-migrate's columns "
                + "(version bigint PRIMARY KEY, dirty boolean), but it holds more than one row, where golang-migrate "
                + "keeps one (the current version)");
    }

    @Test
    void dbmatesShapeWithRowsThatAreNotVersionsIsRefused(TestDatabase db) {
        Migrator migrator = golangMigrateFolder(db, "schema_migrations");
        db.execute("""
                CREATE TABLE schema_migrations (version text PRIMARY KEY);
                INSERT INTO schema_migrations VALUES ('1'), ('init-users');
                """);

        everyCommandRefusesAndChangesNothing(db, migrator, "but its rows init-users are not versions dbmate writes "
                + "(digits)");
    }

    @Test
    void anotherToolsTableNamedAsTheHistoryIsNamedAsThatTools(TestDatabase db) {
        Migrator migrator = golangMigrateFolder(db, "goose_db_version");
        db.execute("""
                CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL,
                  is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());
                INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true);
                """);

        everyCommandRefusesAndChangesNothing(db, migrator, "Table goose_db_version is goose's history table (id "
                + "integer NOT NULL, version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp without "
                + "time zone and primary key (id)). migrate never writes to another tool's history table");
    }
}
