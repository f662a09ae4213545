package dev.migrate.autoconfigure;

import dev.migrate.actuate.FleetHealthIndicator;
import dev.migrate.actuate.FleetMetrics;
import dev.migrate.fleet.Fleet;
import dev.migrate.fleet.Target;
import dev.migrate.fleet.TargetSelection;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A fleet, when {@code database.migrations.fleet} names targets: the {@link Fleet} (also for migrating a tenant
 * created at run time), its startup (migrate, or check and leave the work to a Job), its health
 * ({@code migrationsFleet}) and its meter, {@code db.migrations.fleet.targets{state}}.
 */
@AutoConfiguration(after = MigrateAutoConfiguration.class)
@ConditionalOnClass(Fleet.class)
@ConditionalOnBean(MigratorRecipe.class)
@Conditional(FleetConditions.Configured.class)
public final class MigrateFleetAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Fleet migrateFleet(MigratorRecipe recipe, MigrateProperties properties) {
        MigrateProperties.Migrations migrations = properties.getMigrations();
        MigrateProperties.Fleet fleet = migrations.getFleet();
        List<String> path = fleet.getPath().isEmpty() ? migrations.getPath() : fleet.getPath();
        return Fleet.builder(recipe.dataSource()).targets(selection(fleet))
                .migrator(dataSource -> recipe.builder(dataSource, path))
                .databases(new FleetDataSources(recipe.dataSource()))
                .parallel(fleet.getParallel()).connections(fleet.getConnections()).canary(fleet.getCanary())
                .onError(fleet.getOnError()).lease(fleet.getLease()).ledgerTable(fleet.getLedgerTable())
                .retryFailed(fleet.isRetryFailed()).build();
    }

    @Bean
    @ConditionalOnMissingBean
    FleetActivity fleetActivity(Fleet fleet, MigrateProperties properties) {
        return new FleetActivity(fleet, properties.getMigrations().getFleet().getStatusRefresh());
    }

    @Bean
    @ConditionalOnMissingBean
    FleetInitializer fleetInitializer(FleetActivity activity, MigrateProperties properties) {
        return new FleetInitializer(activity, properties.getMigrations().getFleet().getStartup());
    }

    private static TargetSelection selection(MigrateProperties.Fleet fleet) {
        if (fleet.getSchemas() != null) {
            return TargetSelection.of(Target.Kind.SCHEMA, fleet.getSchemas());
        }
        if (fleet.getSchemasQuery() != null) {
            return TargetSelection.byQuery(Target.Kind.SCHEMA, fleet.getSchemasQuery());
        }
        if (fleet.getDatabases() != null) {
            return TargetSelection.of(Target.Kind.DATABASE, fleet.getDatabases());
        }
        return TargetSelection.byQuery(Target.Kind.DATABASE, fleet.getDatabasesQuery());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class FleetHealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "migrationsFleetHealthIndicator")
        FleetHealthIndicator migrationsFleetHealthIndicator(FleetActivity activity) {
            return new FleetHealthIndicator(activity);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class FleetMetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        FleetMetrics fleetMetrics(FleetActivity activity, MigrateProperties properties) {
            return new FleetMetrics(activity, properties.getMetrics().getPrefix());
        }
    }
}
