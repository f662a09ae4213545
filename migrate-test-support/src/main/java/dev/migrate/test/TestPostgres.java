package dev.migrate.test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the tests of this JVM share, chosen once: the JDBC URL in
 * {@code MIGRATE_TEST_DATABASE_URL} if set, else Testcontainers when a Docker engine answers, else an embedded
 * PostgreSQL. Every test gets its own fresh database on it.
 */
public final class TestPostgres {

    /** The environment variable (or system property) that points the tests at an existing server. */
    public static final String URL_VARIABLE = "MIGRATE_TEST_DATABASE_URL";

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final AtomicInteger databases = new AtomicInteger();
    private static volatile PostgresServer server;

    private TestPostgres() {
    }

    /** Creates a new, empty database; closing the returned handle drops it. */
    public static TestDatabase createDatabase() {
        PostgresServer server = server();
        // The pid keeps names apart when several JVMs share one external server.
        String name = "migrate_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = server.connect(server.maintenanceDatabase());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + server.description(), e);
        }
        return new TestDatabase(server, name);
    }

    static PostgresServer server() {
        PostgresServer current = server;
        if (current == null) {
            synchronized (TestPostgres.class) {
                current = server;
                if (current == null) {
                    current = start();
                    log.info("Tests use {}", current.description());
                    server = current;
                }
            }
        }
        return current;
    }

    private static PostgresServer start() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            url = System.getProperty(URL_VARIABLE);
        }
        if (url != null && !url.isBlank()) {
            return new ExternalServer(url.strip());
        }
        if (ContainerServer.dockerAvailable()) {
            return ContainerServer.start();
        }
        return EmbeddedServer.start();
    }
}
