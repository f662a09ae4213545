package dev.migrate.sample;

import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured, so that the sample runs on a
 * machine with nothing installed. With {@code SPRING_DATASOURCE_URL} (or the property) set, it does nothing.
 * <p>
 * The server belongs to the application context and stops with it, after every DataSource bean is closed: at
 * shutdown Tomcat first finishes the requests in flight (graceful shutdown), then the pool closes, then the database
 * stops. A JVM shutdown hook of its own would run beside Spring's and stop the database under those requests.
 */
class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    private static final String BEAN = "embeddedPostgres";

    private final Log log;

    EmbeddedPostgresEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedPostgresEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        if (Boolean.getBoolean("spring.aot.processing")) {
            // An ahead-of-time build only records bean definitions: it connects nowhere, so it needs no server.
            return;
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire();
        log.info("Using an embedded PostgreSQL on port " + server.port() + " (set spring.datasource.url to use "
                + "another server)");
        environment.getPropertySources().addLast(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", server.jdbcUrl(), "spring.datasource.username", "postgres")));
        application.addInitializers(context -> {
            DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
            // Registered as disposable at once, so that a context whose startup fails releases the server too.
            beans.registerSingleton(BEAN, server);
            beans.registerDisposableBean(BEAN, server::release);
            context.addBeanFactoryPostProcessor(stopAfterDataSources());
        });
    }

    /** Every DataSource depends on the server, so the context closes them before it stops the server. */
    private static BeanFactoryPostProcessor stopAfterDataSources() {
        return factory -> {
            for (String name : factory.getBeanNamesForType(DataSource.class, true, false)) {
                factory.registerDependentBean(BEAN, name);
            }
        };
    }

    /** After the configuration files are read, so that a configured URL wins. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
