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

/** A Flyway folder through the CLI: dotted versions, -placeholder, repeatable migrations in status and plan. */
@ExtendWith(PostgresExtension.class)
class FlywayFolderCliTest {

    @TempDir
    Path dir;

    private TestDatabase db;

    @BeforeEach
    void setUp(TestDatabase db) throws IOException {
        this.db = db;
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id int, plan text);");
        Files.writeString(dir.resolve("V1.1__comment.sql"), "COMMENT ON TABLE accounts IS '${owner}';");
        Files.writeString(dir.resolve("R__pro.sql"), "CREATE OR REPLACE VIEW pro AS SELECT id FROM accounts "
                + "WHERE plan = 'pro';");
    }

    private CliRun.Result migrate(String... args) {
        return new CliRun().env("DATABASE_URL", db.jdbcUrlWithCredentials()).run(args);
    }

    @Test
    void placeholdersComeFromTheCommandLineAndAMissingOneIsNamedBeforeAnythingRuns() {
        CliRun.Result missing = migrate("-path", dir.toString(), "up");
        CliRun.Result given = migrate("-path", dir.toString(), "-placeholder", "owner=billing", "up");

        assertThat(missing.exitCode()).isEqualTo(5);
        assertThat(missing.err()).contains("uses the placeholder ${owner} at line 1, which has no value",
                "-placeholder owner=...");
        assertThat(given.exitCode()).isZero();
        assertThat(db.value("SELECT obj_description('accounts'::regclass)")).isEqualTo("billing");
    }

    @Test
    void dottedVersionsAreJsonStringsAndRepeatablesAreListed() {
        CliRun.Result plan = migrate("-path", dir.toString(), "-placeholder", "owner=x", "plan", "up");
        migrate("-path", dir.toString(), "-placeholder", "owner=x", "up");
        CliRun.Result json = migrate("-path", dir.toString(), "status", "-json");
        CliRun.Result text = migrate("-path", dir.toString(), "status");

        assertThat(plan.out()).contains("plan for 'up': version none -> 1.1, 2 migrations, then 1 repeatable",
                "-- repeatable pro (" + dir.resolve("R__pro.sql"));
        assertThat(json.out()).contains("\"version\" : \"1.1\"", "\"version\" : 1,", "\"repeatables\" : [ {",
                "\"description\" : \"pro\"", "\"state\" : \"applied\"");
        assertThat(text.out()).contains("version: 1.1, 0 pending, layout flyway").containsPattern(
                "repeatable\\s+applied\\s+\\S+\\s+\\d+\\s+pro");
    }
}
