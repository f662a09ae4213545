package dev.migrate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while a request is in flight, as Kubernetes stops a pod: Tomcat finishes the request (graceful shutdown),
 * then the pool closes, and only then does the embedded PostgreSQL stop, leaving no server process behind.
 */
class GracefulShutdownIT {

    private final StringBuffer output = new StringBuffer();

    @Test
    void aRequestInFlightAtShutdownIsAnsweredBeforeTheDatabaseStops() throws Exception {
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("sample.jar"), "--server.port=0").redirectErrorStream(true).start();
        app.getOutputStream().close();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(line -> output.append(line).append('\n'));
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, "sample-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int webPort = await("Tomcat started on port (\\d+)");
            String database = "jdbc:postgresql://localhost:" + await("embedded PostgreSQL on port (\\d+)") + "/postgres";
            CompletableFuture<HttpResponse<String>> response;
            try (Connection blocker = DriverManager.getConnection(database, "postgres", "")) {
                blocker.setAutoCommit(false);
                try (Statement lock = blocker.createStatement()) {
                    lock.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
                }
                response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + webPort + "/api/accounts")).build(),
                        HttpResponse.BodyHandlers.ofString());
                awaitWaitingQuery(database);

                // SIGTERM through the handle: Process.destroy() would also close the pipe the output comes through
                app.toHandle().destroy();
                Thread.sleep(1_500);

                // The database is still up while the request is finishing: the lock is released normally.
                blocker.commit();
            }
            HttpResponse<String> answered = response.get(30, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).as(output.toString()).isEqualTo(200);
            assertThat(answered.body()).contains("\"name\":\"momentum\"");
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            String log = output.toString();
            // in this order: the requests finish, the pool closes, the database stops
            int requestsDone = log.indexOf("Graceful shutdown complete");
            int poolClosed = log.indexOf("HikariPool-1 - Shutdown completed");
            int databaseStopped = log.indexOf("shut down postmaster");
            assertThat(requestsDone).as(log).isPositive().isLessThan(poolClosed);
            assertThat(poolClosed).as(log).isLessThan(databaseStopped);
            assertThat(catchThrowable(() -> DriverManager.getConnection(database, "postgres", "").close()))
                    .as("no database server is left running").isInstanceOf(SQLException.class);
        } finally {
            app.destroyForcibly();
        }
    }

    private int await(String pattern) throws InterruptedException {
        Pattern wanted = Pattern.compile(pattern);
        for (int i = 0; i < 1_200; i++) {
            Matcher found = wanted.matcher(output);
            if (found.find()) {
                return Integer.parseInt(found.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line matching " + pattern + " in:\n" + output);
    }

    /** Until the request's query waits for the table lock: the request is in flight. */
    private void awaitWaitingQuery(String database) throws Exception {
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
        throw new AssertionError("the request never reached the database:\n" + output);
    }
}
