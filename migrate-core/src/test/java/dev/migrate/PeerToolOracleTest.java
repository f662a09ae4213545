package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrate.test.PeerTools;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.SchemaSnapshot;
import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real tools as oracles. For each: the tool applies a whole folder on one database; on another it applies the
 * first part and migrate takes over the rest; both schemas must be equal (history tables left out). Then migrate
 * rolls everything back, which must leave the schema of an empty database. Skipped where a tool is not installed;
 * .ci/run installs both. The folders are written for this project, in each tool's layout.
 */
@ExtendWith(PostgresExtension.class)
class PeerToolOracleTest {

    private static final Set<String> HISTORY = Set.of("schema_migrations", "gorp_migrations");

    @TempDir
    Path dir;

    @TempDir
    Path part;

    private static void write(Path folder, String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Runs a tool to completion; its output is kept for the assertion message. */
    private static void run(List<String> command, Path workingDir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static String postgresUrl(TestDatabase db) {
        URI server = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        String password = db.password() == null ? "" : ":" + db.password();
        return "postgres://" + db.user() + password + "@" + server.getHost() + ":" + server.getPort() + "/" + db.name()
                + "?sslmode=disable";
    }

    private static void assertMigrateTakesOverAndRollsBackToEmpty(TestDatabase byTool, TestDatabase mixed, Path folder,
            TestDatabase empty, String... expected) {
        assertThat(SchemaSnapshot.of(byTool, HISTORY)).as("what the tool built")
                .allSatisfy(line -> assertThat(line).isNotBlank())
                .anySatisfy(line -> assertThat(line).startsWith("function "))
                .containsAll(List.of(expected));
        Migrator migrator = Migrator.builder(mixed.dataSource()).locations(folder.toString()).build();
        MigrateResult rest = migrator.migrate();

        assertThat(rest.applied()).isNotEmpty();
        assertThat(SchemaSnapshot.of(mixed, HISTORY)).isEqualTo(SchemaSnapshot.of(byTool, HISTORY));
        migrator.run(Change.downAll());
        assertThat(SchemaSnapshot.of(mixed, HISTORY)).isEqualTo(SchemaSnapshot.of(empty, HISTORY));
    }

    /** The dbmate binary; the test is skipped where it is not installed (.ci/run installs it). */
    private static Path dbmate() {
        Path dbmate = PeerTools.dbmate().orElse(null);
        assumeTrue(dbmate != null, "dbmate is not installed (npm package dbmate, binary @dbmate/linux-x64)");
        return dbmate;
    }

    /** dbmate's command line on {@code db}, up to the folder to give it. */
    private static List<String> dbmateOn(Path dbmate, TestDatabase db) {
        return List.of(dbmate.toString(), "--url", postgresUrl(db), "--no-dump-schema", "--migrations-dir");
    }

    private void writeDbmateFolder(Path folder, int upTo) throws IOException {
        List<String[]> files = List.of(
                new String[] {"20240101100000_create_accounts.sql", "-- migrate:up\nCREATE TABLE accounts (\n"
                        + "  id bigserial PRIMARY KEY,\n  email text NOT NULL UNIQUE,\n"
                        + "  created_at timestamptz NOT NULL DEFAULT now()\n);\n\n-- migrate:down\nDROP TABLE accounts;\n"},
                new String[] {"20240102100000_plan.sql", "-- migrate:up\nCREATE TYPE plan AS ENUM ('free', 'pro');\n"
                        + "ALTER TABLE accounts ADD COLUMN plan plan NOT NULL DEFAULT 'free';\n\n"
                        + "-- migrate:down\nALTER TABLE accounts DROP COLUMN plan;\nDROP TYPE plan;\n"},
                new String[] {"20240103100000_touch.sql", "-- migrate:up\nALTER TABLE accounts ADD COLUMN updated_at timestamptz;\n"
                        + "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                        + "  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$;\n"
                        + "CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch();\n\n"
                        + "-- migrate:down\nDROP TRIGGER accounts_touch ON accounts;\nDROP FUNCTION touch();\n"
                        + "ALTER TABLE accounts DROP COLUMN updated_at;\n"},
                new String[] {"20240104100000_accounts_plan_idx.sql", "-- migrate:up transaction:false\n"
                        + "CREATE INDEX CONCURRENTLY accounts_plan_idx ON accounts (plan);\n\n"
                        + "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY accounts_plan_idx;\n"},
                new String[] {"20240105100000_comment.sql", "-- migrate:up\nCOMMENT ON TABLE accounts IS 'customers';\n\n"
                        + "-- migrate:down\n"},
                new String[] {"20240106100000_pro_accounts.sql", "-- migrate:up\nCREATE VIEW pro_accounts AS\n"
                        + "  SELECT id, email FROM accounts WHERE plan = 'pro';\n\n-- migrate:down\nDROP VIEW pro_accounts;\n"});
        for (String[] file : files.subList(0, upTo)) {
            write(folder, file[0], file[1]);
        }
    }

    @Test
    void dbmateAndMigrateBuildTheSameSchemaAndMigrateTakesOverDbmatesHistory(TestDatabase db) throws Exception {
        Path dbmate = dbmate();
        writeDbmateFolder(dir, 6);
        writeDbmateFolder(part, 3);
        try (TestDatabase byTool = TestPostgres.createDatabase(); TestDatabase empty = TestPostgres.createDatabase()) {
            run(concat(dbmateOn(dbmate, byTool), dir.toString(), "migrate"), dir);
            run(concat(dbmateOn(dbmate, db), part.toString(), "migrate"), part);

            assertMigrateTakesOverAndRollsBackToEmpty(byTool, db, dir, empty,
                    "index public CREATE INDEX accounts_plan_idx ON public.accounts USING btree (plan)",
                    "enum plan free,pro");
        }
    }

    @Test
    void dbmateStillReadsAndWritesItsTableOnceMigrateHasTakenItOver(TestDatabase db) throws Exception {
        Path dbmate = dbmate();
        writeDbmateFolder(dir, 6);
        writeDbmateFolder(part, 3);
        List<String> tool = dbmateOn(dbmate, db);
        run(concat(tool, part.toString(), "migrate"), part);
        List<String> dbmatesRows = db.column("SELECT version FROM schema_migrations ORDER BY version");

        Migrator.builder(db.dataSource()).locations(dir.toString()).build().migrate();

        // Extended in place, never changed: dbmate's rows and its text column are as dbmate wrote them.
        assertThat(db.column("SELECT version FROM schema_migrations WHERE adopted_from = 'dbmate' ORDER BY version"))
                .isEqualTo(dbmatesRows);
        assertThat(db.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + "'schema_migrations'::regclass AND attname = 'version'")).isEqualTo("character varying");
        // dbmate finds nothing to apply, rolls back the newest migration as its own, and applies it again.
        run(concat(tool, dir.toString(), "migrate"), dir);
        run(concat(tool, dir.toString(), "rollback"), dir);
        assertThat(db.tableExists("pro_accounts")).isFalse();
        assertThat(Migrator.builder(db.dataSource()).locations(dir.toString()).build().status().version())
                .contains(new Version(20240105100000L));
        run(concat(tool, dir.toString(), "migrate"), dir);
        assertThat(db.tableExists("pro_accounts")).isTrue();
        assertThat(Migrator.builder(db.dataSource()).locations(dir.toString()).build().validate().valid()).isTrue();
    }

    @Test
    void dbmatesNamesAndItsCarryingOnOverVersionsWithoutFilesAreFollowed(TestDatabase db) throws Exception {
        Path dbmate = dbmate();
        // dbmate takes any .sql name that starts with digits, and records the digits as written.
        write(part, "00000000000000-initial-schema.sql", "-- migrate:up\nCREATE TABLE settings (key text PRIMARY KEY);\n"
                + "-- migrate:down\nDROP TABLE settings;\n");
        write(part, "20240301090000.sql", "-- migrate:up\nCREATE TABLE tenants (id bigint);\n-- migrate:down\n"
                + "DROP TABLE tenants;\n");
        // A service whose init scripts live in another folder: this one lacks the first file, and dbmate carries on.
        write(dir, "20240301090000.sql", Files.readString(part.resolve("20240301090000.sql")));
        write(dir, "20240302090000_orders.sql", "-- migrate:up\nCREATE TABLE orders (id bigint);\n-- migrate:down\n"
                + "DROP TABLE orders;\n");
        List<String> tool = dbmateOn(dbmate, db);
        run(concat(tool, part.toString(), "migrate"), part);

        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).build();
        MigrateResult result = migrator.migrate();

        assertThat(result.applied()).extracting(m -> m.version().toString()).containsExactly("20240302090000");
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version"))
                .containsExactly("00000000000000", "20240301090000", "20240302090000");
        assertThat(migrator.status().migrations()).extracting(m -> m.version() + ":" + m.state())
                .containsExactly("00000000000000:MISSING", "20240301090000:APPLIED", "20240302090000:APPLIED");
        // The folder with the first file again, as migrate alone runs it on an empty database: the same schema.
        write(dir, "00000000000000-initial-schema.sql", Files.readString(part.resolve("00000000000000-initial-schema.sql")));
        try (TestDatabase alone = TestPostgres.createDatabase()) {
            MigrateResult all = Migrator.builder(alone.dataSource()).locations(dir.toString()).build().migrate();
            assertThat(all.applied()).extracting(m -> m.version().toString())
                    .containsExactly("00000000000000", "20240301090000", "20240302090000");
            assertThat(SchemaSnapshot.of(alone, HISTORY)).isEqualTo(SchemaSnapshot.of(db, HISTORY));
        }
        assertThat(migrator.status().migrations()).extracting(m -> m.version() + ":" + m.state())
                .containsExactly("00000000000000:APPLIED", "20240301090000:APPLIED", "20240302090000:APPLIED");
        run(concat(tool, dir.toString(), "migrate"), dir); // dbmate too finds nothing to do
    }

    private static List<String> concat(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all;
    }

    private void writeSqlMigrateFolder(Path folder, int upTo) throws IOException {
        List<String[]> files = new ArrayList<>(List.of(
                new String[] {"1_projects.sql", "-- +migrate Up\nCREATE TABLE projects (\n  id serial PRIMARY KEY,\n"
                        + "  name text NOT NULL\n);\n\n-- +migrate Down\nDROP TABLE projects;\n"},
                new String[] {"2_tasks.sql", "-- +migrate Up\nCREATE TABLE tasks (\n  id serial PRIMARY KEY,\n"
                        + "  project_id int NOT NULL REFERENCES projects (id) ON DELETE CASCADE,\n  title text NOT NULL\n);\n\n"
                        + "-- +migrate Down\nDROP TABLE tasks;\n"},
                new String[] {"3_task_count.sql", "-- +migrate Up\n-- +migrate StatementBegin\n"
                        + "CREATE FUNCTION task_count(p int) RETURNS bigint LANGUAGE plpgsql AS $$\nBEGIN\n"
                        + "  RETURN (SELECT count(*) FROM tasks WHERE project_id = p);\nEND;\n$$;\n"
                        + "-- +migrate StatementEnd\n\n-- +migrate Down\nDROP FUNCTION task_count(int);\n"},
                new String[] {"4_tasks_title_idx.sql", "-- +migrate Up notransaction\n"
                        + "CREATE INDEX CONCURRENTLY tasks_title_idx ON tasks (title);\n\n"
                        + "-- +migrate Down\nDROP INDEX tasks_title_idx;\n"},
                new String[] {"5_comment.sql", "-- +migrate Up\nCOMMENT ON TABLE tasks IS 'work items';\n"},
                new String[] {"1700000000.sql", "-- +migrate Up\nALTER TABLE tasks ADD COLUMN done boolean NOT NULL "
                        + "DEFAULT false;\n\n-- +migrate Down\nALTER TABLE tasks DROP COLUMN done;\n"}));
        for (String[] file : files.subList(0, upTo)) {
            write(folder, file[0], file[1]);
        }
    }

    private static void sqlMigrateUp(Path sqlMigrate, TestDatabase db, Path folder, Path config)
            throws IOException, InterruptedException {
        URI server = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        Files.writeString(config, "oracle:\n  dialect: postgres\n  datasource: host=" + server.getHost() + " port="
                + server.getPort() + " dbname=" + db.name() + " user=" + db.user()
                + (db.password() == null ? "" : " password=" + db.password()) + " sslmode=disable\n  dir: " + folder + "\n");
        run(List.of(sqlMigrate.toString(), "up", "-config=" + config, "-env=oracle"), folder);
    }

    @Test
    void sqlMigrateAndMigrateBuildTheSameSchemaAndMigrateTakesOverSqlMigratesHistory(TestDatabase db) throws Exception {
        Path sqlMigrate = PeerTools.sqlMigrate().orElse(null);
        assumeTrue(sqlMigrate != null, "sql-migrate is not installed (Debian package sql-migrate)");
        writeSqlMigrateFolder(dir, 6);
        writeSqlMigrateFolder(part, 3);
        Path configs = Files.createTempDirectory("sql-migrate");
        try (TestDatabase byTool = TestPostgres.createDatabase(); TestDatabase empty = TestPostgres.createDatabase()) {
            sqlMigrateUp(sqlMigrate, byTool, dir, configs.resolve("whole.yml"));
            sqlMigrateUp(sqlMigrate, db, part, configs.resolve("part.yml"));

            assertMigrateTakesOverAndRollsBackToEmpty(byTool, db, dir, empty,
                    "index public CREATE INDEX tasks_title_idx ON public.tasks USING btree (title)",
                    "column public.tasks.done boolean NO false");
        }
    }
}
