package dev.migrate.sample;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;

/**
 * The embedded PostgreSQL of the application contexts in this JVM: started by the first context that needs it,
 * stopped when the last one that uses it releases it (tests may run several contexts at once).
 */
final class EmbeddedPostgresServer {

    private static EmbeddedPostgres postgres;
    private static int users;
    private static boolean shutdownHandlerAdded;

    private final EmbeddedPostgres server;
    private boolean released;

    private EmbeddedPostgresServer(EmbeddedPostgres server) {
        this.server = server;
    }

    static synchronized EmbeddedPostgresServer acquire() {
        if (postgres == null) {
            try {
                // No shutdown hook of its own: it would stop the database beside Spring's hook, under the requests
                // that graceful shutdown is still finishing. The application context stops it.
                postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
                if (!shutdownHandlerAdded) {
                    // At JVM exit, after Spring's hook has closed every context: a context that never finished
                    // starting (exit-after-migrate ends the process during startup) releases nothing.
                    SpringApplication.getShutdownHandlers().add(EmbeddedPostgresServer::stop);
                    shutdownHandlerAdded = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL; set spring.datasource.url "
                        + "to use another server", e);
            }
        }
        users++;
        return new EmbeddedPostgresServer(postgres);
    }

    int port() {
        return server.getPort();
    }

    String jdbcUrl() {
        return server.getJdbcUrl("postgres", "postgres").replace("?user=postgres", "");
    }

    private static synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException ignored) {
                // the JVM is exiting and the data directory is temporary
            }
            postgres = null;
        }
    }

    /** Stops the server when no other context uses it. */
    void release() throws IOException {
        synchronized (EmbeddedPostgresServer.class) {
            if (released) {
                return;
            }
            released = true;
            if (--users == 0 && postgres == server) {
                postgres = null;
                server.close();
            }
        }
    }
}
