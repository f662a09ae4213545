package dev.migrate.autoconfigure;

import dev.migrate.Callback;
import dev.migrate.JavaMigration;
import dev.migrate.LintReport;
import dev.migrate.Migrator;
import dev.migrate.Version;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of migrate: a {@link Migrator} for the application's DataSource (or a dedicated migration
 * connection), and, with {@code database.run-migrations=true}, migrations applied at startup before anything
 * that uses the database.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Migrator.class)
@Conditional(MigrateAutoConfiguration.MigrationDataSourceCondition.class)
@EnableConfigurationProperties(MigrateProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
@ImportRuntimeHints(MigrateRuntimeHints.class)
public final class MigrateAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigratorRecipe migratorRecipe(MigrateProperties properties, ObjectProvider<DataSource> dataSource,
            @MigrateDataSource ObjectProvider<DataSource> migrateDataSource, ResourceLoader resourceLoader,
            ObjectProvider<MigratorCustomizer> customizers, ObjectProvider<Callback> callbacks,
            ObjectProvider<JavaMigration> javaMigrations) {
        MigrateProperties.Migrations migrations = properties.getMigrations();
        return new MigratorRecipe(migrations, resourceLoader, callbacks, javaMigrations, customizers,
                MigratorRecipe.migrationDataSource(migrations, migrateDataSource.getIfAvailable(),
                        dataSource.getIfUnique()));
    }

    /** The migrator of the DataSource, unless a fleet has the folder to itself (database.migrations.fleet). */
    @Configuration(proxyBeanMethods = false)
    @Conditional(FleetConditions.FolderNotTheFleets.class)
    static class DataSourceMigrationConfiguration {

        @Bean
        @ConditionalOnMissingBean(Migrator.class)
        Migrator migrator(MigratorRecipe recipe, MigrateProperties properties) {
            return recipe.builder(recipe.dataSource(), properties.getMigrations().getPath()).build();
        }

        @Bean
        @ConditionalOnMissingBean
        MigrationActivity dataSourceMigrationActivity(Migrator migrator) {
            return new MigrationActivity(migrator);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("database.run-migrations")
    @Conditional(FleetConditions.FolderNotTheFleets.class)
    static class StartupMigrationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MigrateInitializer migrateInitializer(MigrationActivity activity, MigrateProperties properties,
                ObjectProvider<MigrationStrategy> strategy) {
            String target = properties.getMigrations().getTargetVersion();
            MigrationStrategy defaultStrategy = StringUtils.hasText(target)
                    ? migrator -> migrator.migrate(Version.parse(target.strip()))
                    : Migrator::migrate;
            MigrationStrategy chosen = strategy.getIfAvailable(() -> defaultStrategy);
            MigrateProperties.Lint lint = properties.getMigrations().getLint();
            return new MigrateInitializer(activity, lint == MigrateProperties.Lint.OFF ? chosen
                    : new LintFirst(chosen, lint(properties.getMigrations().getLintScratch()),
                            lint == MigrateProperties.Lint.FAIL),
                    properties.getMigrations().isExitAfterMigrate());
        }

        /** Static rules only, or also tried on the scratch server {@code database.migrations.lint-scratch} names. */
        private static Function<Migrator, LintReport> lint(String scratch) {
            if (!StringUtils.hasText(scratch)) {
                return Migrator::lint;
            }
            if (scratch.strip().equals("embedded")) {
                return Migrator::lintOnEmbeddedServer;
            }
            return migrator -> migrator.lint(DataSourceBuilder.create().type(SimpleDriverDataSource.class)
                    .url(scratch.strip()).build());
        }
    }

    /** A DataSource bean to migrate, or a URL of migrate's own. */
    static final class MigrationDataSourceCondition extends AnyNestedCondition {

        MigrationDataSourceCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        private static final class DataSourceBeanCondition {
        }

        @ConditionalOnProperty("database.migrations.url")
        private static final class MigrationUrlCondition {
        }
    }
}
