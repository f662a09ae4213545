package dev.migrate.maven;

import dev.migrate.MigrateException;
import dev.migrate.Migrator;
import dev.migrate.MigratorBuilder;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What every goal shares: the database (a JDBC URL with a user and password), the migration locations (by default
 * the project's {@code src/main/resources/db/migrations}, where the Spring Boot starter reads them from the
 * classpath), the history table, and {@code skip}. A refusal or a failed migration fails the build with the
 * engine's message, which says what happened and what to do.
 */
abstract class AbstractMigrateMojo extends AbstractMojo {

    /** The database: {@code jdbc:postgresql://host:5432/db}. */
    @Parameter(property = "migrate.url", required = true)
    String url;

    @Parameter(property = "migrate.user")
    String user;

    @Parameter(property = "migrate.password")
    String password;

    /** Where the migration files are: directories, or {@code filesystem:} / {@code classpath:} locations. */
    @Parameter(property = "migrate.locations")
    List<String> locations;

    @Parameter(defaultValue = "${project.basedir}/src/main/resources/db/migrations", readonly = true)
    File defaultLocation;

    /** The history table. Default {@code schema_migrations}. */
    @Parameter(property = "migrate.table")
    String table;

    /** The history table's schema. Default: the first on the {@code search_path}. */
    @Parameter(property = "migrate.schema")
    String schema;

    /** The folder's layout (golang-migrate, flyway, ...). Default: detected. */
    @Parameter(property = "migrate.layout")
    String layout;

    /** Values for a Flyway folder's {@code ${name}} placeholders. */
    @Parameter
    Map<String, String> placeholders;

    /** Skips the goal, e.g. {@code -Dmigrate.skip} on a machine without the database. */
    @Parameter(property = "migrate.skip", defaultValue = "false")
    boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("migrate: skipped (migrate.skip)");
            return;
        }
        try {
            run(migrator());
        } catch (MigrateException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** The goal's work on the configured migrator. */
    abstract void run(Migrator migrator) throws MojoFailureException;

    private Migrator migrator() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        MigratorBuilder builder = Migrator.builder(dataSource).locations(locations == null || locations.isEmpty()
                ? List.of("filesystem:" + defaultLocation.getPath()) : locations).layout(layout);
        if (table != null) {
            builder.table(table);
        }
        if (schema != null) {
            builder.schema(schema);
        }
        if (placeholders != null) {
            builder.placeholders(placeholders);
        }
        return builder.build();
    }
}
