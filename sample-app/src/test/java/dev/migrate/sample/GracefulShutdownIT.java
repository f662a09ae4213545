package dev.migrate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while a request is in flight, as Kubernetes stops a pod: Tomcat finishes the request (graceful shutdown),
 * then the pool closes, and only then does the embedded PostgreSQL stop, leaving no server process behind.
 *
 * <p>The request is plain HTTP/1.0 on a socket connected before the signal, so that what the server did with it is
 * what the test sees (Java's HttpClient, used before, retried on a new connection, which the stopping server
 * refused, and the failure read as a ConnectException). Without {@link ResponsesWritten}, about one run in five with
 * both cores kept busy got an empty reply: Tomcat stopped between the servlet's end and the writing of its response.
 */
class GracefulShutdownIT {

    @Test
    void aRequestInFlightAtShutdownIsAnsweredBeforeTheDatabaseStops() throws Exception {
        try (SampleProcess app = SampleProcess.sampleApp()) {
            int webPort = app.await("Tomcat started on port (\\d+)");
            String database = "jdbc:postgresql://localhost:" + app.await("embedded PostgreSQL on port (\\d+)")
                    + "/postgres";
            CompletableFuture<String> response;
            try (Connection blocker = DriverManager.getConnection(database, "postgres", "")) {
                blocker.setAutoCommit(false);
                try (Statement lock = blocker.createStatement()) {
                    lock.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
                }
                response = get(webPort, "/api/accounts");
                awaitWaitingQuery(database, app);

                // SIGTERM through the handle: Process.destroy() would also close the pipe the output comes through
                app.process().toHandle().destroy();
                Thread.sleep(1_500);

                // The database is still up while the request is finishing: the lock is released normally.
                blocker.commit();
            }
            String answered;
            try {
                answered = response.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                app.process().waitFor(30, TimeUnit.SECONDS);
                app.drain();
                throw new AssertionError("the request in flight got no answer; the application's log:\n"
                        + app.output(), e);
            }
            assertThat(answered).as(app.output()).startsWith("HTTP/1.1 200 ");
            assertThat(answered).contains("\"name\":\"momentum\"");
            assertThat(app.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            app.drain();
            String log = app.output();
            // in this order: the requests finish, the pool closes, the database stops
            int requestsDone = log.indexOf("Graceful shutdown complete");
            int poolClosed = log.indexOf("HikariPool-1 - Shutdown completed");
            int databaseStopped = log.indexOf("shut down postmaster");
            assertThat(requestsDone).as(log).isPositive().isLessThan(poolClosed);
            assertThat(poolClosed).as(log).isLessThan(databaseStopped);
            assertThat(catchThrowable(() -> DriverManager.getConnection(database, "postgres", "").close()))
                    .as("no database server is left running").isInstanceOf(SQLException.class);
        }
    }

    /**
     * The whole response (status line, headers, body) to {@code GET path}, sent on a connection made now; HTTP/1.0,
     * so the body is neither chunked nor kept open, and ends where the server closes the connection.
     */
    private static CompletableFuture<String> get(int port, String path) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return CompletableFuture.supplyAsync(() -> {
            try (socket) {
                socket.setSoTimeout(60_000);
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Until the request's query waits for the table lock: the request is in flight. */
    private static void awaitWaitingQuery(String database, SampleProcess app) throws Exception {
        try (Connection watcher = DriverManager.getConnection(database, "postgres", "");
             Statement statement = watcher.createStatement()) {
            for (int i = 0; i < 300; i++) {
                try (var row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE wait_event_type = 'Lock' AND query LIKE '%FROM accounts%'")) {
                    row.next();
                    if (row.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the request never reached the database:\n" + app.output());
    }
}
