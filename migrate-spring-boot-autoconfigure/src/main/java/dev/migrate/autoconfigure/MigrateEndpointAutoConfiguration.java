package dev.migrate.autoconfigure;

import dev.migrate.actuate.MigrationsEndpoint;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The read-only {@code /actuator/migrations} endpoint, when the actuator is present and the endpoint exposed. */
@AutoConfiguration(after = MigrateAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(MigrationActivity.class)
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrateEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationsEndpoint migrationsEndpoint(Map<String, MigrationActivity> activities) {
        return new MigrationsEndpoint(activities);
    }
}
