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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code migrate lint}: text, JSON and SARIF, exit 8 while an error-level finding remains. */
@ExtendWith(PostgresExtension.class)
class LintCommandTest {

    @TempDir
    Path dir;

    private TestDatabase db;

    @BeforeEach
    void setUp(TestDatabase db) throws IOException {
        this.db = db;
        Files.writeString(dir.resolve("1_accounts.up.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);");
        Files.writeString(dir.resolve("1_accounts.down.sql"), "DROP TABLE accounts;");
        Files.writeString(dir.resolve("2_email_index.up.sql"), "-- look-ups by email\nCREATE INDEX accounts_email ON accounts (email);");
        Files.writeString(dir.resolve("2_email_index.down.sql"), "DROP INDEX accounts_email;");
    }

    @Test
    void printsEachFindingWithItsFixAndExitsEightOnAnError() {
        CliRun.Result result = new CliRun().run("-path", dir.toString(), "lint", "-all");

        assertThat(result.exitCode()).isEqualTo(8);
        assertThat(result.out()).contains(dir.resolve("2_email_index.up.sql") + ":2: error [index-not-concurrent] "
                        + "CREATE INDEX without CONCURRENTLY blocks every write to the table",
                "    CREATE INDEX accounts_email ON accounts (email)\n",
                "    fix: CREATE INDEX CONCURRENTLY, in a migration of its own")
                .endsWith("lint: 1 error, 0 warnings\n");
    }

    @Test
    void writesJsonAndSarifForCodeScanning() {
        JsonNode json = JsonMapper.builder().build().readTree(
                new CliRun().run("-path", dir.toString(), "lint", "-all", "-json").out());
        JsonNode sarif = JsonMapper.builder().build().readTree(
                new CliRun().run("-path", dir.toString(), "lint", "-all", "-sarif").out());

        assertThat(json.get("findings").get(0).get("rule").asString()).isEqualTo("index-not-concurrent");
        assertThat(json.get("findings").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
        JsonNode result = sarif.get("runs").get(0).get("results").get(0);
        assertThat(result.get("ruleId").asString()).isEqualTo("index-not-concurrent");
        assertThat(result.get("level").asString()).isEqualTo("error");
        assertThat(result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt())
                .isEqualTo(2);
    }

    @Test
    void withADatabaseOnlyThePendingMigrationsAreLinted() {
        CliRun run = new CliRun().env("DATABASE_URL", db.jdbcUrlWithCredentials());
        assertThat(run.run("-path", dir.toString(), "up").exitCode()).isZero();

        CliRun.Result result = run.run("-path", dir.toString(), "lint");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("lint: no findings\n");
    }

    /** Migrations 1 and 2 applied, and a pending one that changes a column's type (a rewrite). */
    private CliRun appliedWithATypeChangePending() throws IOException {
        CliRun run = new CliRun().env("DATABASE_URL", db.jdbcUrlWithCredentials());
        assertThat(run.run("-path", dir.toString(), "up").exitCode()).isZero();
        Files.writeString(dir.resolve("3_email_type.up.sql"), "ALTER TABLE accounts ALTER COLUMN email TYPE varchar(200);");
        Files.writeString(dir.resolve("3_email_type.down.sql"), "SELECT 1;");
        return run;
    }

    @Test
    void withAScratchDatabaseEachPendingStatementIsTriedThere() throws IOException {
        CliRun run = appliedWithATypeChangePending();

        try (TestDatabase scratch = dev.migrate.test.TestPostgres.createDatabase()) {
            CliRun.Result result = run.run("-path", dir.toString(), "lint", "-scratch", scratch.jdbcUrlWithCredentials());

            assertThat(result.exitCode()).isEqualTo(8);
            assertThat(result.out()).contains("error [column-type-change]", "warning [server-lock] Takes ACCESS EXCLUSIVE "
                    + "(blocks reads and writes) on accounts (seen on the scratch server).", "error [server-rewrite] "
                    + "Rewrites accounts");
            assertThat(result.out()).containsPattern("\ntried on a scratch server running PostgreSQL 1[3-9]\\.\\d+\n");
        }
    }

    @Test
    void theEmbeddedPostgresServesAsTheScratchServerWhenItIsOnTheClasspath() throws IOException {
        CliRun run = appliedWithATypeChangePending();

        CliRun.Result result = run.run("-path", dir.toString(), "lint", "-scratch", "embedded", "-json");

        assertThat(result.exitCode()).isEqualTo(8);
        JsonNode report = JsonMapper.builder().build().readTree(result.out());
        assertThat(report.get("scratchVersion").asInt() / 10_000).isBetween(13, 18);
        assertThat(report.get("findings")).extracting(f -> f.get("rule").asString())
                .contains("column-type-change", "server-lock", "server-rewrite");
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
    }
}
