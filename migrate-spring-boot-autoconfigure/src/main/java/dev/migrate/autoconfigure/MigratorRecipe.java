package dev.migrate.autoconfigure;

import dev.migrate.Callback;
import dev.migrate.JavaMigration;
import dev.migrate.Migrator;
import dev.migrate.MigratorBuilder;
import dev.migrate.Version;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * How a {@link Migrator} is built from {@code database.migrations.*}, the Callback, JavaMigration and
 * MigratorCustomizer beans: for the DataSource migrate migrates, and for each target of a fleet.
 */
public final class MigratorRecipe {

    private final MigrateProperties.Migrations migrations;
    private final ResourceLoader resourceLoader;
    private final ObjectProvider<Callback> callbacks;
    private final ObjectProvider<JavaMigration> javaMigrations;
    private final ObjectProvider<MigratorCustomizer> customizers;
    private final DataSource dataSource;

    MigratorRecipe(MigrateProperties.Migrations migrations, ResourceLoader resourceLoader,
            ObjectProvider<Callback> callbacks, ObjectProvider<JavaMigration> javaMigrations,
            ObjectProvider<MigratorCustomizer> customizers, DataSource dataSource) {
        this.migrations = migrations;
        this.resourceLoader = resourceLoader;
        this.callbacks = callbacks;
        this.javaMigrations = javaMigrations;
        this.customizers = customizers;
        this.dataSource = dataSource;
    }

    /** The DataSource migrate migrates: a fleet's control database. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** A builder for {@code target} with every setting, reading the migrations at {@code path}. */
    public MigratorBuilder builder(DataSource target, List<String> path) {
        MigratorBuilder builder = Migrator.builder(target)
                .locations(path)
                .layout(migrations.getLayout())
                .table(migrations.getTable())
                .schema(migrations.getSchema())
                .lockTimeout(migrations.getLockTimeout())
                .outOfOrder(migrations.isOutOfOrder())
                .validateOnMigrate(migrations.isValidateOnMigrate())
                .allowDatabaseAhead(migrations.isAllowDatabaseAhead())
                .placeholders(migrations.getPlaceholders())
                .contexts(migrations.getContexts())
                .labels(migrations.getLabels())
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
        return builder;
    }

    /** A {@code @MigrateDataSource} bean; else a connection of migrate's own from its url or user; else the application's. */
    static DataSource migrationDataSource(MigrateProperties.Migrations migrations, DataSource qualified,
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
