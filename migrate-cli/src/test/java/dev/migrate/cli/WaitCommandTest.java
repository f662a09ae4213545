package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TcpRelay;
import dev.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code wait} and {@code -wait}: a database that comes up after the CLI starts, as in compose. */
@ExtendWith(PostgresExtension.class)
class WaitCommandTest {

    @TempDir
    Path dir;

    private static String url(TcpRelay relay, TestDatabase db) {
        String url = relay.jdbcUrl(db) + "?user=" + db.user();
        return db.password() == null ? url : url + "&password=" + db.password();
    }

    private static CompletableFuture<Void> openLater(TcpRelay relay) {
        return relay.openAfter(java.time.Duration.ofMillis(1_500));
    }

    @Test
    void waitReturnsOnceTheDatabaseAcceptsConnections(TestDatabase db) throws Exception {
        try (TcpRelay relay = TcpRelay.to(db)) {
            CompletableFuture<Void> up = openLater(relay);

            CliRun.Result result = new CliRun().run("-database", url(relay, db), "wait");

            up.join();
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).matches("the database accepts connections \\(after \\d+\\.\\d s\\)\\n");
        }
    }

    @Test
    void waitGivesUpAfterItsTimeoutWithTheCannotConnectExitCode(TestDatabase db) throws Exception {
        try (TcpRelay relay = TcpRelay.to(db)) {
            CliRun.Result result = new CliRun().run("-database", url(relay, db), "-wait-timeout", "1s", "wait");

            assertThat(result.exitCode()).isEqualTo(6);
            assertThat(result.err()).contains("Could not connect to the database: ", "(SQLSTATE 08001)");
        }
    }

    @Test
    void aCommandWithWaitRunsOnceTheDatabaseIsUp(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("1_accounts.up.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY);");
        try (TcpRelay relay = TcpRelay.to(db)) {
            assertThat(new CliRun().run("-path", dir.toString(), "-database", url(relay, db), "up").exitCode())
                    .as("without -wait it fails at once").isEqualTo(6);
            CompletableFuture<Void> up = openLater(relay);

            CliRun.Result result = new CliRun().run("-path", dir.toString(), "-database", url(relay, db), "-wait", "up");

            up.join();
            assertThat(result.exitCode()).as(result.err()).isZero();
        }
        assertThat(db.tableExists("accounts")).isTrue();
    }
}
