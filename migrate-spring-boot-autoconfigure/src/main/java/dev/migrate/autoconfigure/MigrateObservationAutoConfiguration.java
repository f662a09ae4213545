package dev.migrate.autoconfigure;

import dev.migrate.actuate.MigrationObservations;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer Observations of migration runs and of each migration, when the application has an
 * {@link ObservationRegistry}: with a tracer, a service's traces show its startup migrations. Turned off like any
 * other observation, with {@code management.observations.enable.db.migration=false} (and {@code db.migrations}).
 */
@AutoConfiguration(after = ObservationAutoConfiguration.class, before = MigrateAutoConfiguration.class)
@ConditionalOnClass({ObservationRegistry.class, ObservationAutoConfiguration.class})
@ConditionalOnBean(ObservationRegistry.class)
public final class MigrateObservationAutoConfiguration {

    @Bean
    MigratorCustomizer migrationObservations(ObservationRegistry registry,
            ObjectProvider<MigrateProperties> properties) {
        String prefix = properties.getIfAvailable(MigrateProperties::new).getMetrics().getPrefix();
        return builder -> builder.listener(new MigrationObservations(registry, prefix));
    }
}
