package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Input an operator gets wrong: each gets its exit code and a message with the next step, never a stack trace. */
@ExtendWith(PostgresExtension.class)
class BadInputTest {

    @TempDir
    Path dir;

    private TestDatabase db;
    private String role;

    @BeforeEach
    void setUp(TestDatabase db) throws IOException {
        this.db = db;
        this.role = "limited_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'Se%cret'; GRANT CONNECT ON DATABASE " + db.name() + " TO "
                + role + "; REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        Files.writeString(dir.resolve("000001_users.up.sql"), "CREATE TABLE users (id int);");
    }

    @AfterEach
    void dropRole() {
        db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
    }

    private CliRun.Result migrate(String... args) {
        return new CliRun().env("DATABASE_URL", db.jdbcUrlWithCredentials()).run(args);
    }

    private static void assertNoStackTrace(CliRun.Result result) {
        assertThat(result.err()).doesNotContain("\tat ", "Exception:");
    }

    @Test
    void anEmptyHistoryTableNameIsAUsageError() {
        CliRun.Result result = migrate("-path", dir.toString(), "-table", "", "up");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: the history table's name is empty: give -table a name (or leave it "
                + "out for schema_migrations)\n");
    }

    @Test
    void anEmptyPathIsAUsageError() {
        CliRun.Result result = migrate("-path", "", "up");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: -path is empty: give the folder that holds the migrations\n");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        CliRun.Result result = new CliRun().run("-path", dir.toString(), "-database",
                "postgres://app:pw@localhost:99999/app", "up");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: the database URL's port '99999' is not a port number: give one from "
                + "1 to 65535 (PostgreSQL's is 5432)\n");
    }

    @Test
    void aFileGivenAsTheFolderIsNamedAsAFile() {
        CliRun.Result result = migrate("-path", dir.resolve("000001_users.up.sql").toString(), "up");

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).contains("is a file, not a folder. Point the locations at the folder that holds the "
                + "migrations.");
    }

    @Test
    void aBadPercentEscapeInThePasswordNeverEchoesAnyOfIt() {
        CliRun.Result result = new CliRun().run("-path", dir.toString(), "-database",
                "postgres://app:Sup3r%zzSecret@localhost:5432/app", "-verbose", "up");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: the database URL's password has a '%' that is not followed by "
                + "two hex digits: write a '%' that is part of it as %25").doesNotContain("Sup3r", "zz", "Secret");
        assertThat(result.out()).doesNotContain("Sup3r", "zz", "Secret");
    }

    @Test
    void aMissingPrivilegeOnTheHistoryTablesSchemaSaysWhatToGrant() {
        CliRun.Result result = new CliRun().run("-path", dir.toString(), "-database",
                db.postgresUri(role, "Se%25cret"), "up");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: Could not create the history table schema_migrations: permission "
                + "denied for schema public (SQLSTATE 42501). The database user lacks a privilege this needs. Grant it "
                + "(the history table needs SELECT, INSERT, UPDATE and DELETE, and creating it needs CREATE on its "
                + "schema), or migrate as the schema's owner.\n");
        assertNoStackTrace(result);
    }

    @Test
    void aReadOnlyServerSaysToMigrateThePrimary() {
        db.execute("ALTER DATABASE \"" + db.name() + "\" SET default_transaction_read_only = on");
        try {
            CliRun.Result result = migrate("-path", dir.toString(), "up");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("error: Could not create the history table schema_migrations: cannot "
                    + "execute CREATE TABLE in a read-only transaction (SQLSTATE 25006). The server is read-only (a "
                    + "standby, or default_transaction_read_only is on). Run the migrations against the primary.");
            assertNoStackTrace(result);
        } finally {
            db.execute("BEGIN READ WRITE; ALTER DATABASE \"" + db.name() + "\" RESET default_transaction_read_only; COMMIT");
        }
    }

    @Test
    void aSearchPathWithNoSchemaSaysWhereTheTableCouldGo() {
        CliRun.Result result = new CliRun().run("-path", dir.toString(), "-database",
                db.jdbcUrlWithCredentials() + "&currentSchema=nowhere", "up");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: Could not create the history table schema_migrations: the "
                + "search_path names no schema that exists, so there is nowhere to create it. Set search_path, or "
                + "give migrate a schema for its history table.\n");
    }
}
