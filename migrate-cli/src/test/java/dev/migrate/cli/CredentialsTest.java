package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A real password check: a role whose password holds '@' and '%', written in a Go-style DSN. */
@ExtendWith(PostgresExtension.class)
class CredentialsTest {

    private static final String PASSWORD = "p@ss%w0rd:/x";
    private static final String ESCAPED = "p%40ss%25w0rd%3A%2Fx";

    @TempDir
    Path dir;

    private TestDatabase db;
    private String role;

    @BeforeEach
    void setUp(TestDatabase db) throws IOException {
        this.db = db;
        this.role = "app_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'; GRANT CONNECT, CREATE ON DATABASE "
                + db.name() + " TO " + role + "; GRANT USAGE, CREATE ON SCHEMA public TO " + role);
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id int);");
    }

    /** Roles outlive databases; leave none behind on a shared server. */
    @AfterEach
    void dropRole() {
        db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
    }

    private String dsn(String password) {
        return db.postgresUri(role, password);
    }

    @Test
    void connectsWithAPercentEscapedPasswordFromDatabaseUrl() {
        CliRun.Result result = new CliRun().env("DATABASE_URL", dsn(ESCAPED)).run("-path", dir.toString(), "up");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(db.value("SELECT tableowner FROM pg_tables WHERE tablename = 'users'")).isEqualTo(role);
    }

    @Test
    void aWrongPasswordExitsSixAndIsNeverPrinted() {
        assumeTrue(serverChecksPasswords(), "this server does not check passwords");

        CliRun.Result result = new CliRun().run("-path", dir.toString(), "-database", dsn("Wr0ng%40Secret"),
                "-verbose", "up");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).contains("password authentication failed").doesNotContain("Wr0ng", "Secret");
        assertThat(result.out()).doesNotContain("Wr0ng");
    }

    private boolean serverChecksPasswords() {
        try (var ignored = DriverManager.getConnection(db.jdbcUrl(), role, "not-the-password")) {
            return false;
        } catch (SQLException e) {
            return true;
        }
    }
}
