package dev.migrate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sample as users run it: no datasource configured, so an embedded PostgreSQL, migrated at startup. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesDataFromTheMigratedTables() throws Exception {
        HttpResponse<String> accounts = get("/api/accounts");

        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.body()).contains("\"name\":\"momentum\"", "\"openPositions\":1", "\"currency\":\"EUR\"");
    }

    @Test
    void migrationsEndpointShowsEveryMigrationApplied() throws Exception {
        HttpResponse<String> migrations = get("/actuator/migrations");

        assertThat(migrations.statusCode()).isEqualTo(200);
        assertThat(migrations.body()).contains("\"version\":5", "\"latestVersion\":5", "\"dirty\":false",
                "\"result\":\"success\"", "\"description\":\"positions_open_index\"", "\"state\":\"applied\"")
                .doesNotContain("\"state\":\"pending\"");
    }

    @Test
    void healthIsUpWithMigrationDetails() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"migrations\":{\"details\":{\"version\":5,\"latestVersion\":5", "\"status\":\"UP\"");
    }

    @Test
    void aNewTenantGetsASchemaMigratedBeforeTheAnswer() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/tenants/acme"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("\"schema\":\"tenant_acme\"", "\"version\":\"2\"", "\"applied\":2");
        assertThat(get("/api/tenants").body()).contains("\"name\":\"acme\"", "\"state\":\"current\"");
        assertThat(get("/actuator/migrations").body()).contains("\"fleet\":{\"status\":\"current\"");
        HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/tenants/Robert%27;DROP"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.statusCode()).isEqualTo(400);
    }

    @Test
    void prometheusPublishesMigrationAndPoolMeters() throws Exception {
        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("db_migrations_total{name=\"dataSource\",result=\"applied\"} 5.0",
                "db_migrations_pending{name=\"dataSource\"} 0.0", "db_migrations_current_version{name=\"dataSource\"} 5.0",
                "db_migrations_dirty{name=\"dataSource\"} 0.0", "db_migrations_last_run_timestamp_seconds{",
                "db_pool_connections_acquired{name=\"dataSource\"}", "db_pool_connections_idle{name=\"dataSource\"}",
                "db_pool_connections_total{name=\"dataSource\"}", "db_pool_connections_max{name=\"dataSource\"}",
                "db_pool_connections_min{name=\"dataSource\"}", "db_pool_connections_pending{name=\"dataSource\"}");
    }
}
