package dev.migrate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample app as Spring AOT processed it (the build's process-aot step), started in AOT mode on the JVM: the
 * generated bean definitions replace the configuration classes, and migrations still run before the web server
 * takes requests. The hints for a native image are generated too; no GraalVM is at hand to build one.
 */
class AotModeIT {

    @Test
    void startsInAotModeMigratesAndServes() throws Exception {
        try (SampleProcess app = SampleProcess.sampleApp("-Dspring.aot.enabled=true")) {
            int port = app.await("Tomcat started on port (\\d+)");

            assertThat(app.output()).contains("Starting AOT-processed SampleApplication",
                    "database migrations applied successfully: 5 applied, now at version 5");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> accounts = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/accounts")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accounts.statusCode()).isEqualTo(200);
            assertThat(accounts.body()).contains("\"name\":\"momentum\"");
            HttpResponse<String> migrations = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/migrations")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(migrations.body()).contains("\"version\":5", "\"installedBy\":\"postgres\"");
        }
    }

    @Test
    void theNativeImageHintsKeepTheMigrationFilesAndTheEndpointsJson() throws Exception {
        Path metadata = Path.of(System.getProperty("user.dir"), "target", "spring-aot", "main", "resources",
                "META-INF", "native-image", "dev.migrate", "sample-app", "reachability-metadata.json");

        JsonNode hints = JsonMapper.builder().build().readTree(metadata.toFile());

        assertThat(hints.get("resources")).extracting(resource -> resource.path("glob").asString())
                .contains("db/migrations/**");
        assertThat(hints.get("reflection")).extracting(type -> type.path("type").asString())
                .contains("dev.migrate.actuate.MigrationsEndpoint$MigrationDescriptor");
    }
}
