package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each command and each exit code, run as golang-migrate users type them, against a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class CliTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private String url;

    @BeforeEach
    void setUp(TestDatabase db) throws IOException {
        this.db = db;
        this.url = db.jdbcUrlWithCredentials();
        write("000001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
        write("000001_create_users.down.sql", "DROP TABLE users;");
        write("000002_add_email.up.sql", "ALTER TABLE users ADD COLUMN email text;");
        write("000002_add_email.down.sql", "ALTER TABLE users DROP COLUMN email;");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    private CliRun.Result migrate(String... args) {
        return new CliRun().env("DATABASE_URL", url).run(args);
    }

    private String[] with(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-path";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    @Test
    void upAppliesEverythingAndExitsZero() {
        CliRun.Result result = new CliRun().run("-path", dir.toString(), "-database", url, "up");

        assertThat(result.exitCode()).isZero();
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
        assertThat(migrate(with("up")).exitCode()).isZero();
    }

    @Test
    void aHistoryTableNamePostgresWouldCutShortIsAUsageError() {
        String name = "schema_migrations_of_the_accounts_service_in_the_eu_region_v2_xy";

        CliRun.Result result = migrate(with("-table", name, "up"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("error: the history table name '" + name + "' is 64 bytes long, but "
                + "PostgreSQL keeps names to 63 bytes");
        assertThat(db.tableExists("users")).isFalse();
    }

    @Test
    void anotherToolsHistoryNamedAsTheHistoryTableIsRefusedWithExitFiveAndNothingChanged() {
        db.execute("CREATE TABLE schema_version (installed_rank int NOT NULL PRIMARY KEY, version varchar(50), "
                + "description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, "
                + "checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), "
                + "execution_time int NOT NULL, success boolean NOT NULL)");

        CliRun.Result result = migrate(with("-table", "schema_version", "up"));

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("error: Table schema_version is Flyway's history table (installed_rank "
                + "integer NOT NULL, version character varying(50)");
        assertThat(db.tableExists("users")).isFalse();
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'schema_version'"))
                .isEqualTo("10");
    }

    @Test
    void fileNamesWithLineBreaksOrTerminalEscapesArePrintedEscaped() throws IOException {
        write("000003_x\nerror: all data lost\u001b[2J.up.sql", "SELECT 1;");

        CliRun.Result status = migrate(with("status"));

        assertThat(status.out()).contains("x\\nerror: all data lost\\x1b[2J").doesNotContain("\u001b")
                .doesNotContain("\nerror:");
        assertThat(status.out().lines()).noneMatch(line -> line.startsWith("error:"));
    }

    @Test
    void acceptsDoubleDashSpellingsAndOptionsAfterTheCommand() {
        assertThat(migrate("up", "1", "--path", dir.toString()).exitCode()).isZero();
        assertThat(migrate("--path=" + dir, "version").out()).isEqualTo("1\n");
        assertThat(migrate("-source", "file://" + dir, "up").exitCode()).isZero();
        assertThat(migrate("-path=" + dir, "version").out()).isEqualTo("2\n");
    }

    @Test
    void readsTheDatabaseFromPostgresDsnWhenDatabaseUrlIsUnset() {
        CliRun.Result result = new CliRun().env("POSTGRES_DSN", url).run(with("up"));

        assertThat(result.exitCode()).isZero();
    }

    @Test
    void versionPrintsTheVersionAsTextOrJson() {
        assertThat(migrate(with("version")).out()).isEqualTo("no version\n");
        migrate(with("up"));

        assertThat(migrate(with("version")).out()).isEqualTo("2\n");
        assertThat(migrate(with("version", "--json")).out()).isEqualTo("{\n  \"version\" : 2,\n  \"dirty\" : false\n}\n");
    }

    @Test
    void statusPrintsATableAndStableJson() {
        migrate(with("up", "1"));

        CliRun.Result text = migrate(with("status"));
        CliRun.Result json = migrate(with("status", "-json"));

        // the columns as printf pads "%-7s  %-8s  %-20s  %8s  %s%n", which the table used to be printed with
        String row = "%-7s  %-8s  %-20s  %8s  %s%n";
        assertThat(text.out()).startsWith("version: 1, 1 pending, layout golang-migrate\n"
                        + String.format(row, "VERSION", "STATE", "APPLIED AT", "MS", "DESCRIPTION"))
                .containsPattern("\n1        applied   \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\s+\\d+  create_users\n")
                .endsWith(String.format(row, "2", "pending", "", "", "add_email"));
        assertThat(json.out()).startsWith("{\n  \"version\" : 1,\n  \"dirty\" : false,\n"
                + "  \"layouts\" : [ \"golang-migrate\" ],\n  \"adoptedFrom\" : [ ],\n  \"willAdoptFrom\" : null,\n"
                + "  \"migrations\" : [ {\n"
                + "    \"version\" : 1,\n    \"description\" : \"create_users\",\n    \"state\" : \"applied\",\n")
                .contains("\"appliedAt\" : \"20", "\"executionMs\" : ", "\"state\" : \"pending\"", "\"appliedAt\" : null");
    }

    @Test
    void downRollsBackTheGivenNumberOrEverythingWithAll() {
        migrate(with("up"));

        assertThat(migrate(with("down", "1")).exitCode()).isZero();
        assertThat(migrate(with("version")).out()).isEqualTo("1\n");
        assertThat(migrate(with("down", "-all")).exitCode()).isZero();
        assertThat(migrate(with("version")).out()).isEqualTo("no version\n");
        assertThat(db.tableExists("users")).isFalse();
    }

    @Test
    void downWithoutACountAsksOnATerminal() {
        migrate(with("up"));
        CliRun no = new CliRun().env("DATABASE_URL", url).terminal("n");
        CliRun yes = new CliRun().env("DATABASE_URL", url).terminal("y");

        CliRun.Result declined = no.run(with("down"));
        assertThat(declined.exitCode()).isZero();
        assertThat(declined.err()).contains("Not applying all down migrations");
        assertThat(no.questions).containsExactly("Are you sure you want to apply all down migrations? [y/N] ");
        assertThat(migrate(with("version")).out()).isEqualTo("2\n");

        assertThat(yes.run(with("down")).exitCode()).isZero();
        assertThat(migrate(with("version")).out()).isEqualTo("no version\n");
    }

    @Test
    void downWithoutACountRefusesWithoutATerminal() {
        migrate(with("up"));

        CliRun.Result result = migrate(with("down"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: down needs N or -all when not run from a terminal, since without "
                + "them it rolls back every migration: migrate down 1, or migrate down -all\n");
        assertThat(migrate(with("version")).out()).isEqualTo("2\n");
    }

    @Test
    void downRefusesWhenADownFileIsMissingWithExitFive() throws IOException {
        migrate(with("up"));
        Files.delete(dir.resolve("000001_create_users.down.sql"));

        CliRun.Result result = migrate(with("down", "-all"));

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).startsWith("error: Cannot roll back: migration 1 (create_users) has no down script. "
                + "Nothing was changed.");
        assertThat(migrate(with("version")).out()).isEqualTo("2\n");
    }

    @Test
    void gotoMovesToTheVersion() {
        assertThat(migrate(with("goto", "2")).exitCode()).isZero();
        assertThat(migrate(with("goto", "1")).exitCode()).isZero();
        assertThat(migrate(with("version")).out()).isEqualTo("1\n");
        assertThat(migrate(with("goto", "9")).exitCode()).isEqualTo(2);
    }

    @Test
    void aFailedMigrationExitsOneWithFileLineAndSqlstate() throws IOException {
        write("000003_broken.up.sql", "SELECT 1;\nSELEC 2;");

        CliRun.Result result = migrate(with("up"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: Migration 3 (broken) failed at line 2 of "
                + dir.resolve("000003_broken.up.sql") + ": syntax error at or near \"SELEC\" (SQLSTATE 42601)\n"
                + "It ran in a transaction that was rolled back, so the database is as it was before migration 3. "
                + "Fix the script and run the migrations again.\n");
        assertThat(migrate(with("version")).out()).isEqualTo("2\n");
    }

    @Test
    void aDirtyDatabaseExitsThreeUntilForced() throws IOException {
        write("000003_index.up.sql", "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n"
                + "CREATE INDEX CONCURRENTLY users_nope ON users (nope);");
        // the run that fails part-way leaves the version dirty: the dirty code from the start, as docs/cli.md says
        assertThat(migrate(with("up")).exitCode()).isEqualTo(3);
        assertThat(migrate(with("version")).out()).isEqualTo("3 (dirty)\n");

        CliRun.Result refused = migrate(with("up"));
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).startsWith("error: The database is dirty at version 3 (index)");

        // The operator drops the half-built work, records version 2 again, fixes the file and migrates.
        db.execute("DROP INDEX users_email");
        CliRun.Result forced = migrate(with("force", "2"));
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.out()).isEqualTo("2\n");
        write("000003_index.up.sql", "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY users_email ON users (email);");
        assertThat(migrate(with("up")).exitCode()).isZero();
        assertThat(migrate(with("version")).out()).isEqualTo("3\n");
    }

    @Test
    void forceMinusOneForgetsEveryVersion() {
        migrate(with("up"));

        CliRun.Result result = migrate(with("force", "-1"));

        assertThat(result.exitCode()).isZero();
        assertThat(migrate(with("version")).out()).isEqualTo("no version\n");
    }

    @Test
    void aRunWhoseLockSessionIsTerminatedExitsSevenAndSaysNothingRanTwice() throws Exception {
        write("000001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY); SELECT pg_sleep(1);");
        // Once migration 1 runs, the lock's session is ended, as an operator's pg_terminate_backend does.
        Thread operator = db.whenRunning("pg_sleep(1)", "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype "
                + "= 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");

        CliRun.Result result = migrate(with("up"));
        operator.join();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(7);
        assertThat(result.err()).startsWith("error: Lost the migration lock (advisory lock ")
                .contains("before migration 2 (add_email): its session ended (")
                .contains("after applying 1 migration (up to version 1)").contains("none was applied twice")
                .doesNotContain("\tat ");
        assertThat(migrate(with("up")).exitCode()).isZero();
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("2");
    }

    @Test
    void aLockHeldPastTheTimeoutExitsFour() throws Exception {
        try (var holder = db.dataSource().getConnection(); var statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + documentedLockKey(db.name(), "schema_migrations") + ")");

            CliRun.Result result = migrate(with("-lock-timeout", "200ms", "up"));

            assertThat(result.exitCode()).isEqualTo(4);
            assertThat(result.err()).startsWith("error: Timed out after ").contains("held by pid ");
        }
    }

    /**
     * The lock key as docs/engine.md gives it (the first 8 bytes of SHA-256 over "dev.migrate", the database, the
     * schema and the table, each after a NUL), computed here so that the test holds the engine to the documented
     * key that operators use to find the holder.
     */
    private static long documentedLockKey(String database, String table) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(("dev.migrate\0" + database + "\0\0" + table).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.nio.ByteBuffer.wrap(digest).getLong();
    }

    @Test
    void aChangedAppliedFileFailsValidationWithExitFive() throws IOException {
        migrate(with("up"));
        write("000001_create_users.up.sql", "CREATE TABLE users (id int PRIMARY KEY);");

        CliRun.Result validate = migrate(with("validate"));
        CliRun.Result up = migrate(with("up"));

        assertThat(validate.exitCode()).isEqualTo(5);
        assertThat(validate.err()).startsWith("error: Migration 1 (create_users) was applied, but its file ");
        assertThat(up.exitCode()).isEqualTo(5);
    }

    @Test
    void validatePassesWhenFilesMatch() {
        migrate(with("up"));

        CliRun.Result result = migrate(with("validate"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("ok: the migration files match the database\n");
    }

    @Test
    void anUnreachableDatabaseExitsSix() {
        CliRun.Result result = new CliRun().run(with("-database", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2",
                "up"));

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).startsWith("error: Could not connect to the database: ");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(new CliRun().run(with("up")).exitCode()).isEqualTo(2);
        assertThat(migrate("up").err()).isEqualTo("error: no migrations given: pass -path DIR (or -source file://DIR)\n");
        assertThat(migrate(with("explode")).exitCode()).isEqualTo(2);
        assertThat(migrate(with("up", "x")).exitCode()).isEqualTo(2);
        assertThat(migrate(with("goto", "v1")).exitCode()).isEqualTo(2);
        assertThat(migrate(with("-lock-timeout", "soon", "up")).exitCode()).isEqualTo(2);
        assertThat(migrate(with("up")).exitCode()).isZero();
    }

    @Test
    void dryRunsAndPlanShowTheSqlAndChangeNothing() {
        CliRun.Result dryRun = migrate(with("up", "--dry-run"));
        CliRun.Result plan = migrate(with("plan", "--json"));

        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.out()).startsWith("plan for 'up': version none -> 2, 2 migrations\n\n-- up 1 create_users (")
                .contains("in a transaction)\nCREATE TABLE users (id bigint PRIMARY KEY);\n");
        assertThat(plan.out()).contains("\"command\" : \"up\"", "\"target\" : 2", "\"direction\" : \"up\"",
                "\"transactional\" : true", "\"sql\" : \"ALTER TABLE users ADD COLUMN email text;\"");
        assertThat(db.tableExists("users")).isFalse();
        assertThat(db.tableExists("schema_migrations")).isFalse();

        migrate(with("up"));
        assertThat(migrate(with("plan", "down", "1")).out()).contains("-- down 2 add_email");
        assertThat(migrate(with("down", "-all", "--dry-run")).out()).startsWith("plan for 'down -all': version 2 -> none");
        assertThat(migrate(with("goto", "1", "--dry-run")).out()).contains("-- down 2 add_email");
        assertThat(migrate(with("version")).out()).isEqualTo("2\n");
    }

    @Test
    void baselineRecordsWithoutRunning() {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY)");

        CliRun.Result result = migrate(with("baseline", "1"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("baselined at 1: 1 migrations recorded as applied\n");
        assertThat(migrate(with("up")).exitCode()).isZero();
        assertThat(migrate(with("version")).out()).isEqualTo("2\n");
    }

    @Test
    void createWritesAPairAsGolangMigrateDoes() {
        Path folder = dir.resolve("new");

        CliRun.Result first = new CliRun().run("create", "-ext", "sql", "-dir", folder.toString(), "-seq", "add_orders_table");
        CliRun.Result second = new CliRun().run("create", "-dir", folder.toString(), "-seq", "add_index");
        CliRun.Result stamped = new CliRun().run("create", "-dir", folder.toString(), "-ts", "add_stock");
        CliRun.Result escaping = new CliRun().run("create", "-dir", folder.toString(), "-seq", "../../etc");

        assertThat(first.out()).isEqualTo(folder.resolve("000001_add_orders_table.up.sql") + "\n"
                + folder.resolve("000001_add_orders_table.down.sql") + "\n");
        assertThat(second.out()).startsWith(folder.resolve("000002_add_index.up.sql").toString());
        assertThat(stamped.out()).matches("(?s).*/\\d{14}_add_stock\\.up\\.sql\n.*");
        assertThat(escaping.exitCode()).isEqualTo(2);
    }

    @Test
    void takesOverAGolangMigrateDatabaseAndSaysSo() {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY);"
                + "CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null);"
                + "INSERT INTO schema_migrations VALUES (1, false)");

        CliRun.Result dryRun = migrate(with("adopt", "--dry-run"));
        CliRun.Result before = migrate(with("status"));
        CliRun.Result beforeJson = migrate(with("status", "--json"));
        CliRun.Result up = migrate(with("up"));
        CliRun.Result status = migrate(with("status"));

        assertThat(dryRun.out()).isEqualTo("would adopt 1 migrations from golang-migrate (schema_migrations): 1\n");
        assertThat(before.out()).startsWith("version: 1, 1 pending, layout golang-migrate, will adopt from golang-migrate "
                + "on the next up\n");
        assertThat(beforeJson.out()).contains("\"adoptedFrom\" : [ ]", "\"willAdoptFrom\" : \"golang-migrate\"");
        assertThat(up.exitCode()).isZero();
        assertThat(status.out()).startsWith("version: 2, 0 pending, layout golang-migrate, adopted from golang-migrate\n");
        assertThat(migrate(with("status", "--json")).out()).contains("\"adoptedFrom\" : [ \"golang-migrate\" ]",
                "\"layouts\" : [ \"golang-migrate\" ]");
    }

    @Test
    void adoptsOnDemandFromANamedTool() {
        db.execute("CREATE TABLE users (id bigint PRIMARY KEY);"
                + "CREATE TABLE goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, "
                + "is_applied boolean NOT NULL, tstamp timestamp DEFAULT now());"
                + "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true)");

        CliRun.Result adopted = migrate(with("adopt", "--from", "goose"));
        CliRun.Result unknown = migrate(with("adopt", "--from", "liquibase"));

        assertThat(adopted.out()).isEqualTo("adopted 1 migrations from goose (goose_db_version): 1\n");
        assertThat(migrate(with("version")).out()).isEqualTo("1\n");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: migrate cannot adopt history from 'liquibase'");
    }

    @Test
    void aNamedLayoutOverridesDetection() {
        assertThat(migrate(with("-layout", "golang-migrate", "up")).exitCode()).isZero();
        assertThat(migrate(with("-layout", "liquibase", "status")).err())
                .startsWith("error: unknown layout 'liquibase'; the layouts are golang-migrate, sqlx");
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"up", "down", "goto", "force", "version", "status", "validate", "plan",
                "baseline", "adopt", "create"}) {
            CliRun.Result help = new CliRun().run(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: migrate " + command, "Examples:");
        }
        assertThat(new CliRun().run("-help").out()).contains("Exit codes: 0 success");
    }
}
