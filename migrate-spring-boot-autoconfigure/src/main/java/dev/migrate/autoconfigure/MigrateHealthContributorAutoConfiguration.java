package dev.migrate.autoconfigure;

import dev.migrate.actuate.MigrationsHealthIndicator;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code migrations} health contributor: up when the schema is current and clean. */
@AutoConfiguration(after = MigrateAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(MigrationActivity.class)
@ConditionalOnEnabledHealthIndicator("migrations")
public final class MigrateHealthContributorAutoConfiguration
        extends CompositeHealthContributorConfiguration<MigrationsHealthIndicator, MigrationActivity> {

    MigrateHealthContributorAutoConfiguration() {
        super(MigrationsHealthIndicator::new);
    }

    @Bean
    @ConditionalOnMissingBean(name = "migrationsHealthContributor")
    HealthContributor migrationsHealthContributor(Map<String, MigrationActivity> activities) {
        return createContributor(activities);
    }
}
