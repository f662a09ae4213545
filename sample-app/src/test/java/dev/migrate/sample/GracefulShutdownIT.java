package dev.migrate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 */
class GracefulShutdownIT {

    @Test
    void aRequestInFlightAtShutdownIsAnsweredBeforeTheDatabaseStops() throws Exception {
        try (SampleProcess app = SampleProcess.sampleApp()) {
            int webPort = app.await("Tomcat started on port (\\d+)");
            String database = "jdbc:postgresql://localhost:" + app.await("embedded PostgreSQL on port (\\d+)")
                    + "/postgres";
            CompletableFuture<HttpResponse<String>> response;
            try (Connection blocker = DriverManager.getConnection(database, "postgres", "")) {
                blocker.setAutoCommit(false);
                try (Statement lock = blocker.createStatement()) {
                    lock.execute("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
                }
                response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + webPort + "/api/accounts")).build(),
                        HttpResponse.BodyHandlers.ofString());
                awaitWaitingQuery(database, app);

                // SIGTERM through the handle: Process.destroy() would also close the pipe the output comes through
                app.process().toHandle().destroy();
                Thread.sleep(1_500);

                // The database is still up while the request is finishing: the lock is released normally.
                blocker.commit();
            }
            HttpResponse<String> answered;
            try {
                answered = response.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                app.process().waitFor(30, TimeUnit.SECONDS);
                app.drain();
                throw new AssertionError("the request in flight got no answer; the application's log:\n"
                        + app.output(), e);
            }
            assertThat(answered.statusCode()).as(app.output()).isEqualTo(200);
            assertThat(answered.body()).contains("\"name\":\"momentum\"");
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
