package dev.migrate.autoconfigure;

import dev.migrate.Callback;
import dev.migrate.JavaMigration;
import dev.migrate.LintReport;
import dev.migrate.Migrator;
import dev.migrate.MigratorBuilder;
import dev.migrate.Version;
import java.time.Duration;
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

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Migrator.class)
    static class MigratorConfiguration {

        @Bean
        Migrator migrator(MigrateProperties properties, ObjectProvider<DataSource> dataSource,
                @MigrateDataSource ObjectProvider<DataSource> migrateDataSource, ResourceLoader resourceLoader,
                ObjectProvider<MigratorCustomizer> customizers, ObjectProvider<Callback> callbacks,
                ObjectProvider<JavaMigration> javaMigrations) {
            MigrateProperties.Migrations migrations = properties.getMigrations();
            MigratorBuilder builder = Migrator.builder(migrationDataSource(migrations, migrateDataSource.getIfAvailable(),
                            dataSource.getIfUnique()))
                    .locations(migrations.getPath())
                    .layout(migrations.getLayout())
                    .table(migrations.getTable())
                    .schema(migrations.getSchema())
                    .lockTimeout(migrations.getLockTimeout())
                    .outOfOrder(migrations.isOutOfOrder())
                    .validateOnMigrate(migrations.isValidateOnMigrate())
                    .allowDatabaseAhead(migrations.isAllowDatabaseAhead())
                    .placeholders(migrations.getPlaceholders())
                    .placeholderReplacement(migrations.isPlaceholderReplacement())
                    .placeholderDelimiters(migrations.getPlaceholderPrefix(), migrations.getPlaceholderSuffix())
                    .baselineOnMigrate(migrations.isBaselineOnMigrate()
                            ? Version.parse(migrations.getBaselineVersion().strip()) : null)
                    .initSql(migrations.getInitSqls())
                    .statementLockTimeout(migrations.getStatementLockTimeout())
                    .lockRetries(migrations.getLockRetries())
                    .replyTimeout(migrations.getReplyTimeout())
                    .connectRetries(migrations.getConnectRetries())
                    .connectRetriesInterval(migrations.getConnectRetriesInterval())
                    .cleanEnabled(migrations.isCleanEnabled())
                    .statementTimeout(migrations.getStatementTimeout() == null ? Duration.ZERO
                            : migrations.getStatementTimeout())
                    .classLoader(resourceLoader.getClassLoader());
            // Callback beans, in order, as Spring Boot passes Flyway's Callback beans to Flyway.
            callbacks.orderedStream().forEach(builder::callback);
            javaMigrations.orderedStream().forEach(builder::javaMigration);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder.build();
        }

        /** A {@code @MigrateDataSource} bean; else a connection of migrate's own from its url or user; else the application's. */
        private static DataSource migrationDataSource(MigrateProperties.Migrations migrations, DataSource qualified,
                DataSource application) {
            if (qualified != null) {
                return qualified;
            }
            if (StringUtils.hasText(migrations.getUrl())) {
                return DataSourceBuilder.create().type(SimpleDriverDataSource.class).url(migrations.getUrl())
                        .username(migrations.getUsername()).password(migrations.getPassword()).build();
            }
            if (application == null) {
                throw new IllegalStateException("migrate found no single DataSource to migrate: mark one with "
                        + "@MigrateDataSource, or set database.migrations.url");
            }
            if (StringUtils.hasText(migrations.getUsername())) {
                return DataSourceBuilder.derivedFrom(application).type(SimpleDriverDataSource.class)
                        .username(migrations.getUsername()).password(migrations.getPassword()).build();
            }
            return application;
        }
    }

    @Bean
    @ConditionalOnMissingBean
    MigrationActivity dataSourceMigrationActivity(Migrator migrator) {
        return new MigrationActivity(migrator);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("database.run-migrations")
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
