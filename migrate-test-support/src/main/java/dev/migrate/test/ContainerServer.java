package dev.migrate.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** A PostgreSQL 17 container, started once per JVM and stopped by Testcontainers' reaper. */
final class ContainerServer implements PostgresServer {

    private static final String IMAGE = "postgres:17-alpine";

    private final PostgreSQLContainer container;

    private ContainerServer(PostgreSQLContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // lives as long as the JVM
    static ContainerServer start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200");
        container.start();
        return new ContainerServer(container);
    }

    @Override
    public String description() {
        return "Testcontainers " + IMAGE + " at " + container.getHost() + ":" + container.getFirstMappedPort();
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getFirstMappedPort() + "/" + database;
    }

    @Override
    public String maintenanceDatabase() {
        return container.getDatabaseName();
    }

    @Override
    public String user() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }
}
