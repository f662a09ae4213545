package dev.migrate.autoconfigure;

import dev.migrate.actuate.MigrationsEndpoint;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/** The read-only {@code /actuator/migrations} endpoint, when the actuator is present and the endpoint exposed. */
@AutoConfiguration(after = {MigrateAutoConfiguration.class, MigrateFleetAutoConfiguration.class})
@ConditionalOnClass(Endpoint.class)
@Conditional(MigrateEndpointAutoConfiguration.SomethingMigrated.class)
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrateEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationsEndpoint migrationsEndpoint(Map<String, MigrationActivity> activities,
            ObjectProvider<FleetActivity> fleet) {
        return new MigrationsEndpoint(activities, fleet.getIfAvailable());
    }

    /** A DataSource migrate migrates, or a fleet. */
    static final class SomethingMigrated extends AnyNestedCondition {

        SomethingMigrated() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(MigrationActivity.class)
        private static final class DataSourceMigrated {
        }

        @ConditionalOnBean(FleetActivity.class)
        private static final class FleetMigrated {
        }
    }
}
