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

/** {@code drop}: asks on a terminal, refuses without one unless forced, and empties the schema. */
@ExtendWith(PostgresExtension.class)
class DropCommandTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private CliRun cli;

    @BeforeEach
    void migrated(TestDatabase db) throws IOException {
        this.db = db;
        Files.writeString(dir.resolve("1_accounts.up.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"
                + "CREATE VIEW account_ids AS SELECT id FROM accounts;");
        Files.writeString(dir.resolve("1_accounts.down.sql"), "DROP VIEW account_ids; DROP TABLE accounts;");
        cli = new CliRun().env("DATABASE_URL", db.jdbcUrlWithCredentials());
        assertThat(cli.run("-path", dir.toString(), "up").exitCode()).isZero();
    }

    @Test
    void withoutATerminalItRefusesUnlessForced() {
        CliRun.Result refused = cli.run("drop");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("drop empties the schema, data included, so it asks first; not run from "
                + "a terminal, it needs -f: migrate drop -f");
        assertThat(db.tableExists("accounts")).isTrue();

        CliRun.Result forced = cli.run("drop", "-f");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("dropped view public.account_ids", "dropped table public.accounts",
                "dropped table public.schema_migrations").endsWith("dropped 3 objects in schema public\n");
        assertThat(db.catalog()).isEmpty();
        assertThat(cli.run("-path", dir.toString(), "up").exitCode()).as("a fresh start").isZero();
        assertThat(db.tableExists("accounts")).isTrue();
    }

    @Test
    void onATerminalItAsksAndOnlyYesDrops() {
        CliRun no = new CliRun().env("DATABASE_URL", db.jdbcUrlWithCredentials()).terminal("n");
        CliRun.Result kept = no.run("clean");

        assertThat(kept.exitCode()).isZero();
        assertThat(no.questions).containsExactly("Are you sure you want to drop the entire database schema? [y/N] ");
        assertThat(kept.err()).contains("Aborted dropping the entire database schema");
        assertThat(db.tableExists("accounts")).isTrue();

        CliRun.Result dropped = new CliRun().env("DATABASE_URL", db.jdbcUrlWithCredentials()).terminal("y").run("drop");

        assertThat(dropped.exitCode()).isZero();
        assertThat(db.tableExists("accounts")).isFalse();
    }
}
