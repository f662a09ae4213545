package dev.migrate.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.autoconfigure.MigrateAutoConfiguration;
import dev.migrate.autoconfigure.MigrateEndpointAutoConfiguration;
import dev.migrate.autoconfigure.MigrateHealthContributorAutoConfiguration;
import dev.migrate.autoconfigure.MigrateMetricsAutoConfiguration;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The endpoint, health contributor and meters, on a real database with a Hikari pool. */
@ExtendWith(PostgresExtension.class)
class ActuatorTests {

    @TempDir
    Path dir;

    private TestDatabase db;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrateAutoConfiguration.class,
                        EndpointAutoConfiguration.class, MigrateEndpointAutoConfiguration.class,
                        HealthContributorAutoConfiguration.class, MigrateHealthContributorAutoConfiguration.class,
                        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        PrometheusMetricsExportAutoConfiguration.class, MigrateMetricsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                        "management.endpoints.web.exposure.include=migrations,health,prometheus",
                        "management.prometheus.metrics.export.enabled=true");
    }

    @Test
    void endpointShowsVersionLastRunAndEveryMigration() {
        runner.withPropertyValues("database.run-migrations=true").run(context -> {
            MigrationsEndpoint.MigrationsDescriptor body = context.getBean(MigrationsEndpoint.class).migrations();

            MigrationsEndpoint.DataSourceMigrations migrations = body.dataSources().get("dataSource");
            assertThat(migrations.version()).isEqualTo(2L);
            assertThat(migrations.latestVersion()).isEqualTo(2L);
            assertThat(migrations.dirty()).isFalse();
            assertThat(migrations.lockHolder()).isNull();
            assertThat(migrations.lastRun().result()).isEqualTo("success");
            assertThat(migrations.lastRun().applied()).isEqualTo(2);
            assertThat(migrations.migrations()).extracting(m -> m.version() + " " + m.state())
                    .containsExactly("1 applied", "2 applied");
            assertThat(migrations.migrations().get(0).checksum()).hasSize(64);
            MigrationsEndpoint.MigrationDescriptor first = migrations.migrations().get(0);
            assertThat(first.appliedAt()).isNotNull().isEqualTo(first.installedOn());
            assertThat(first.appliedBy()).isEqualTo(db.user()).isEqualTo(first.installedBy());
            assertThat(first.executionMs()).isNotNull().isEqualTo(first.executionTime());
        });
    }

    @Test
    void theEndpointOnlyReads() {
        // No write or delete operation: the schema is changed by the CLI or a deploy, never over HTTP.
        assertThat(java.util.Arrays.stream(MigrationsEndpoint.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(org.springframework.boot.actuate.endpoint.annotation.WriteOperation.class)
                        || m.isAnnotationPresent(org.springframework.boot.actuate.endpoint.annotation.DeleteOperation.class)))
                .isEmpty();
        assertThat(java.util.Arrays.stream(MigrationsEndpoint.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(org.springframework.boot.actuate.endpoint.annotation.ReadOperation.class)))
                .extracting(java.lang.reflect.Method::getName).containsExactly("migrations");
    }

    @Test
    void endpointMarksTheMigrationTheLastRunFailedOn() throws Exception {
        Files.writeString(dir.resolve("1_ok.sql"), "CREATE TABLE ok (id int);");
        Files.writeString(dir.resolve("2_bad.sql"), "CREATE TABLE bad (id nope);");
        runner.withPropertyValues("database.migrations.path=" + dir).run(context -> {
            dev.migrate.autoconfigure.MigrationActivity activity = context.getBean(dev.migrate.autoconfigure.MigrationActivity.class);
            try {
                activity.run(dev.migrate.Migrator::migrate);
            } catch (dev.migrate.MigrationFailedException expected) {
                // recorded as the last run
            }

            MigrationsEndpoint.DataSourceMigrations migrations = context.getBean(MigrationsEndpoint.class).migrations()
                    .dataSources().get("dataSource");
            assertThat(migrations.migrations()).extracting(m -> m.version() + " " + m.state())
                    .containsExactly("1 applied", "2 failed");
            assertThat(migrations.lastRun().result()).isEqualTo("failed");
            assertThat(migrations.lastRun().error()).startsWith("Migration 2 (bad) failed at line 1 of ");
            Health health = context.getBean("migrationsHealthContributor", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("lastRunError");
        });
    }

    @Test
    void aRequestToTheEndpointOrHealthCostsAtMostOneDatabaseTransaction() throws Exception {
        runner.withPropertyValues("database.run-migrations=true").run(context -> {
        });
        long before = commits();
        runner.run(context -> {
            MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
            HealthIndicator health = context.getBean("migrationsHealthContributor", HealthIndicator.class);
            for (int i = 0; i < 100; i++) {
                assertThat(endpoint.migrations().dataSources().get("dataSource").version()).isEqualTo(2L);
                assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
            }
        });
        // 100 requests to each: the lock holder is read afresh (one transaction), the history at most every 10 s
        long spent = commits() - before;
        assertThat(spent).as("transactions for 200 requests").isBetween(100L, 130L);
    }

    /** Transactions committed in the test database by sessions that have ended (they report as they exit). */
    private long commits() throws InterruptedException {
        Thread.sleep(1_000);
        return Long.parseLong(db.value("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"));
    }

    @Test
    void healthIsUpWhenCurrentAndOutOfServiceWhilePending() {
        runner.run(context -> {
            HealthIndicator health = context.getBean("migrationsHealthContributor", HealthIndicator.class);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
            assertThat(health.health(true).getDetails()).containsEntry("pending", 2).doesNotContainKey("version")
                    .containsEntry("latestVersion", 2L);
        });
        runner.withPropertyValues("database.run-migrations=true").run(context -> {
            Health health = context.getBean("migrationsHealthContributor", HealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("version", 2L).containsEntry("latestVersion", 2L)
                    .containsEntry("dirty", false);
        });
    }

    @Test
    void healthStaysUpAndSaysSoWhenANewerReleaseHasMigratedTheDatabase() {
        // The newer release applied version 3, which this application has no file for: a rolling deploy.
        db.execute("CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)");
        runner.withPropertyValues("database.run-migrations=true").run(context -> {
            db.execute("INSERT INTO schema_migrations (version, dirty) VALUES (3, false)");
            Health health = new MigrationsHealthIndicator(new dev.migrate.autoconfigure.MigrationActivity(
                    context.getBean(dev.migrate.Migrator.class))).health(true);

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("version", 3L).containsEntry("latestVersion", 2L)
                    .containsEntry("databaseAhead", true);
        });
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.allow-database-ahead=false")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void healthIsDownWhenDirty() {
        runner.withPropertyValues("database.run-migrations=true").run(context -> {
            db.execute("UPDATE schema_migrations SET dirty = true WHERE version = 2");
            dev.migrate.autoconfigure.MigrationActivity fresh = new dev.migrate.autoconfigure.MigrationActivity(
                    context.getBean(dev.migrate.Migrator.class));

            assertThat(new MigrationsHealthIndicator(fresh).health(true).getStatus()).isEqualTo(Status.DOWN);
        });
    }

    @Test
    void prometheusShowsMigrationAndPoolMeters() {
        runner.withPropertyValues("database.run-migrations=true").run(context -> {
            String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();

            assertThat(scrape).contains("db_migrations_total{name=\"dataSource\",result=\"applied\"} 2.0",
                    "db_migrations_total{name=\"dataSource\",result=\"failed\"} 0.0",
                    "db_migrations_pending{name=\"dataSource\"} 0.0",
                    "db_migrations_current_version{name=\"dataSource\"} 2.0",
                    "db_migrations_dirty{name=\"dataSource\"} 0.0",
                    "db_migrations_last_run_timestamp_seconds{name=\"dataSource\"} 1.",
                    "db_migrations_duration_seconds_count{name=\"dataSource\"} 2",
                    "db_migrations_lock_wait_seconds_count{name=\"dataSource\"} 1",
                    "db_pool_connections_acquired{name=\"dataSource\"}",
                    "db_pool_connections_idle{name=\"dataSource\"}",
                    "db_pool_connections_open{name=\"dataSource\"}",
                    "db_pool_connections_total{name=\"dataSource\"}",
                    "db_pool_connections_max{name=\"dataSource\"} 10.0",
                    "db_pool_connections_min{name=\"dataSource\"} 10.0",
                    "db_pool_connections_pending{name=\"dataSource\"}");

            // a run with nothing to do takes no lock, so it does not count as a wait of zero
            context.getBean(dev.migrate.autoconfigure.MigrationActivity.class).run(dev.migrate.Migrator::migrate);
            assertThat(context.getBean(PrometheusMeterRegistry.class).scrape())
                    .contains("db_migrations_lock_wait_seconds_count{name=\"dataSource\"} 1");
        });
    }

    @Test
    void poolGaugesStillReadThePoolAfterAFullGarbageCollection() {
        runner.withPropertyValues("database.run-migrations=true").run(context -> {
            java.lang.ref.WeakReference<Object> collected = new java.lang.ref.WeakReference<>(new Object());
            for (int i = 0; i < 50 && collected.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(collected.get()).as("a full GC ran").isNull();

            String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();

            for (String meter : List.of("acquired", "idle", "open", "max", "min")) {
                assertThat(scrape).as(meter).containsPattern("db_pool_connections_" + meter
                        + "\\{name=\"dataSource\"\\} [0-9]+\\.0\n");
            }
            assertThat(scrape).containsPattern("db_pool_connections_total\\{name=\"dataSource\"\\} [0-9]+\\.0\n")
                    .doesNotContain("NaN");
        });
    }

    @Test
    void aPrefixGoesInFrontOfEveryName() {
        runner.withPropertyValues("database.run-migrations=true", "database.metrics.prefix=meltica").run(context -> {
            String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();

            assertThat(scrape).contains("meltica_db_migrations_total{name=\"dataSource\",result=\"applied\"} 2.0",
                    "meltica_db_pool_connections_acquired{name=\"dataSource\"}",
                    "meltica_db_migrations_current_version{name=\"dataSource\"} 2.0");
            assertThat(scrape).doesNotContainPattern("(?m)^db_migrations_total");
        });
    }

    @Test
    void withoutTheActuatorTheEngineStillRuns() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrateAutoConfiguration.class,
                        MigrateEndpointAutoConfiguration.class, MigrateHealthContributorAutoConfiguration.class,
                        MigrateMetricsAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader(org.springframework.boot.actuate.endpoint.annotation.Endpoint.class,
                        HealthIndicator.class, io.micrometer.core.instrument.MeterRegistry.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
                        "database.run-migrations=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsEndpoint.class)
                            .doesNotHaveBean(MigrationMetrics.class);
                    assertThat(db.tableExists("greetings")).isTrue();
                });
    }
}
