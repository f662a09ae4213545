package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that accepts connections and never answers (a hung instance, a half-open load balancer) ends every
 * command within its bounds, with the cannot-connect code: libpq's connect_timeout in the URL, -wait-timeout, and
 * a default login timeout otherwise. The JUnit timeout is a guard against a hang, not a measure of speed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SilentServerTest {

    @TempDir
    Path dir;

    private ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0);
        Thread acceptor = new Thread(() -> {
            try {
                while (!server.isClosed()) {
                    accepted.add(server.accept()); // kept open, never answered
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        Files.writeString(dir.resolve("1_accounts.up.sql"), "CREATE TABLE accounts (id int);");
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private String url(String parameters) {
        return "postgres://app:secret@127.0.0.1:" + server.getLocalPort() + "/app?sslmode=disable" + parameters;
    }

    @Test
    void libpqsConnectTimeoutBoundsTheWholeConnection() {
        CliRun.Result result = new CliRun().run("-path", dir.toString(), "-database", url("&connect_timeout=1"),
                "status");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(6);
        assertThat(result.err()).startsWith("error: Could not connect to the database");
        assertThat(accepted).isNotEmpty();
    }

    @Test
    void waitEndsAtItsTimeoutEvenWhenTheServerNeverAnswers() {
        CliRun.Result result = new CliRun().run("-database", url(""), "-wait-timeout", "2s", "wait");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(6);
    }

    @Test
    void aCommandWithWaitEndsAtTheWaitTimeoutToo() {
        CliRun.Result result = new CliRun().run("-path", dir.toString(), "-database", url(""), "-wait",
                "-wait-timeout", "2s", "up");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(6);
    }
}
