package dev.migrate.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.Migrator;
import dev.migrate.autoconfigure.FleetActivity;
import dev.migrate.autoconfigure.FleetInitializer;
import dev.migrate.autoconfigure.MigrateAutoConfiguration;
import dev.migrate.autoconfigure.MigrateEndpointAutoConfiguration;
import dev.migrate.autoconfigure.MigrateFleetAutoConfiguration;
import dev.migrate.autoconfigure.MigrateHealthContributorAutoConfiguration;
import dev.migrate.autoconfigure.MigrateMetricsAutoConfiguration;
import dev.migrate.autoconfigure.MigrationActivity;
import dev.migrate.fleet.Fleet;
import dev.migrate.fleet.Target;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A fleet in a Spring Boot service: migrated or checked at startup, shown by the endpoint, health and meters. */
@ExtendWith(PostgresExtension.class)
class FleetTests {

    @TempDir
    Path dir;

    private TestDatabase db;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase db) throws IOException {
        this.db = db;
        Files.writeString(dir.resolve("1_orders.up.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);");
        Files.writeString(dir.resolve("2_lines.up.sql"), "CREATE TABLE lines (order_id bigint REFERENCES orders);");
        IntStream.rangeClosed(1, 3).forEach(i -> db.execute("CREATE SCHEMA tenant_" + i));
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrateAutoConfiguration.class,
                        MigrateFleetAutoConfiguration.class, EndpointAutoConfiguration.class,
                        MigrateEndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        MigrateHealthContributorAutoConfiguration.class, MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class,
                        MigrateMetricsAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                        "management.prometheus.metrics.export.enabled=true", "database.metrics.prefix=meltica",
                        "management.endpoints.web.exposure.include=migrations,health,prometheus",
                        "database.migrations.path=filesystem:" + dir,
                        "database.migrations.fleet.schemas=tenant_%");
    }

    @Test
    void migratesTheFleetAtStartupAndShowsItCurrent() {
        runner.withPropertyValues("database.migrations.fleet.startup=migrate").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Fleet.class).hasSingleBean(FleetInitializer.class)
                    // the folder is the fleet's: the DataSource's own schema is not migrated with it
                    .doesNotHaveBean(Migrator.class).doesNotHaveBean(MigrationActivity.class);
            for (int i = 1; i <= 3; i++) {
                assertThat(db.value("SELECT count(*) FROM tenant_" + i + ".schema_migrations")).isEqualTo("2");
            }
            assertThat(db.tableExists("orders")).isFalse();
            Health health = context.getBean(FleetHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            MigrationsEndpoint.MigrationsDescriptor endpoint = context.getBean(MigrationsEndpoint.class).migrations();
            assertThat(endpoint.dataSources()).isEmpty();
            assertThat(endpoint.fleet().status()).isEqualTo("current");
            assertThat(endpoint.fleet().counts()).containsEntry("current", 3).containsEntry("behind", 0);
            assertThat(context.getBean(PrometheusMeterRegistry.class).scrape())
                    .contains("meltica_db_migrations_fleet_targets{state=\"current\"} 3.0",
                            "meltica_db_migrations_fleet_targets{state=\"failed\"} 0.0");
        });
    }

    @Test
    void onlyChecksTheFleetByDefaultLeavingTheWorkToAJob() {
        db.execute("CREATE TABLE tenant_2.orders (id int)");
        Fleet.builder(db.dataSource()).targets(dev.migrate.fleet.TargetSelection.of(Target.Kind.SCHEMA, "tenant_2"))
                .migrator(dataSource -> Migrator.builder(dataSource).locations("filesystem:" + dir)).build().up();
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(db.tableExists("tenant_1.schema_migrations")).isFalse();
            Health health = context.getBean(FleetHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().get("failing").toString()).contains("tenant_2=failed: Migration 1 (orders)")
                    .contains("42P07");
            MigrationsEndpoint.FleetDescriptor fleet = context.getBean(MigrationsEndpoint.class).migrations().fleet();
            assertThat(fleet.counts()).containsEntry("behind", 2).containsEntry("failed", 1);
            assertThat(fleet.failing()).extracting(MigrationsEndpoint.FleetTargetDescriptor::target)
                    .containsExactly("tenant_2");
        });
    }

    @Test
    void migratesATenantCreatedAtRunTime() {
        runner.withPropertyValues("database.migrations.fleet.startup=migrate").run(context -> {
            db.execute("CREATE SCHEMA tenant_new");
            FleetActivity fleet = context.getBean(FleetActivity.class);
            assertThat(fleet.migrate(Target.schema("tenant_new")).applied()).hasSize(2);
            assertThat(db.value("SELECT count(*) FROM tenant_new.schema_migrations")).isEqualTo("2");
            assertThat(fleet.read().targets()).hasSize(4);
        });
    }

    @Test
    void aFleetWithAFolderOfItsOwnLeavesTheDataSourcesMigrationsAsTheyAre() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("1_tenants.up.sql"), "CREATE TABLE tenants (name text);");
        Path tenants = Files.createDirectories(dir.resolve("tenant"));
        Files.writeString(tenants.resolve("1_notes.up.sql"), "CREATE TABLE notes (id int);");
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.path=filesystem:" + shared,
                "database.migrations.fleet.path=filesystem:" + tenants, "database.migrations.fleet.startup=migrate")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(MigrationActivity.class);
                    assertThat(db.tableExists("tenants")).isTrue();
                    assertThat(db.tableExists("notes")).isFalse();
                    assertThat(db.tableExists("tenant_3.notes")).isTrue();
                    assertThat(db.tableExists("tenant_3.tenants")).isFalse();
                });
    }

    @Test
    void aFailedFleetFailsTheStartupWhenItMigrates() {
        db.execute("CREATE TABLE tenant_1.orders (id int)");
        runner.withPropertyValues("database.migrations.fleet.startup=migrate").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("the fleet's migrations failed: "
                    + "schema:tenant_1").hasMessageContaining("database.migrations.fleet.retry-failed=true");
        });
    }
}
