package dev.migrate.autoconfigure;

import dev.migrate.actuate.DataSourcePoolConnectionMetrics;
import dev.migrate.actuate.MigrationMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.metadata.CompositeDataSourcePoolMetadataProvider;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer meters: {@code db.migrations} (Prometheus {@code db_migrations_total{result=...}}), the migration
 * gauges and timers, and {@code db.pool.connections.*} for every pooled DataSource, under an optional
 * {@code database.metrics.prefix}.
 */
@AutoConfiguration(after = {MetricsAutoConfiguration.class, DataSourceAutoConfiguration.class,
        MigrateAutoConfiguration.class})
@ConditionalOnClass(MeterRegistry.class)
public final class MigrateMetricsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(MigrationActivity.class)
    static class MigrationMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MigrationMetrics migrationMetrics(Map<String, MigrationActivity> activities, MigrateProperties properties) {
            return new MigrationMetrics(activities, properties.getMetrics().getPrefix());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DataSource.class)
    static class PoolMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        DataSourcePoolConnectionMetrics dataSourcePoolConnectionMetrics(Map<String, DataSource> dataSources,
                ObjectProvider<DataSourcePoolMetadataProvider> providers, ObjectProvider<MigrateProperties> properties) {
            String prefix = properties.getIfAvailable(MigrateProperties::new).getMetrics().getPrefix();
            return new DataSourcePoolConnectionMetrics(dataSources,
                    new CompositeDataSourcePoolMetadataProvider(providers.orderedStream().toList()), prefix);
        }
    }
}
