package dev.migrate.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped dashboard and alert rules against a real Prometheus scraping the packaged sample app: every panel's
 * query returns data, every alert rule loads and its signal (the expression before its threshold) returns data, and
 * the dirty-database alert goes off when the database is made dirty. Runs when the {@code prometheus} binary is
 * installed (the Debian package; {@code .ci/run} installs it), and reports itself skipped otherwise.
 */
class PrometheusDashboardIT {

    private static final Path DOCS = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/dashboards");
    private static final Pattern THRESHOLD = Pattern.compile("\\s*(>|>=|<|<=|==)\\s*[0-9.]+\\s*$");

    @TempDir
    Path dir;

    private final List<SampleProcess> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private int prometheusPort;

    @AfterEach
    void stop() {
        processes.forEach(SampleProcess::close);
    }

    private static Optional<Path> prometheus() {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/bin"))
                .map(directory -> Path.of(directory, "prometheus")).filter(Files::isExecutable).findFirst();
    }

    @Test
    void everyDashboardQueryAndAlertSignalReturnsDataAndTheDirtyAlertFires() throws Exception {
        Optional<Path> binary = prometheus();
        assumeThat(binary).as("prometheus is not installed (apt-get install prometheus; .ci/run does)").isPresent();

        SampleProcess app = SampleProcess.sampleApp();
        processes.add(app);
        int appPort = app.await("Tomcat started on port (\\d+)");
        int databasePort = app.await("embedded PostgreSQL on port (\\d+)");

        try (ServerSocket free = new ServerSocket(0)) {
            prometheusPort = free.getLocalPort();
        }
        Files.copy(DOCS.resolve("migrate-alerts.yml"), dir.resolve("migrate-alerts.yml"));
        Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global: {scrape_interval: 1s, evaluation_interval: 1s}",
                "rule_files: [migrate-alerts.yml]",
                "scrape_configs:",
                "  - job_name: sample",
                "    metrics_path: /actuator/prometheus",
                "    static_configs: [{targets: ['localhost:" + appPort + "']}]", ""));
        SampleProcess prometheus = SampleProcess.of(binary.get().toString(), "--config.file="
                + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort);
        processes.add(prometheus);

        // increase() needs two samples in its window, a scrape a second
        await(() -> !query("db_migrations_pending{job=\"sample\"}").isEmpty() && Double.parseDouble(query(
                "count_over_time(db_migrations_pending{job=\"sample\"}[1m])").get(0).get("value").get(1).asString()) >= 3,
                "three scrapes of the sample app\n" + prometheus.output());

        // A full GC in the app first: gauges that hold their object weakly read NaN after one, which is no data.
        fullGc(app);
        double scrapes = Double.parseDouble(query("count_over_time(db_migrations_pending{job=\"sample\"}[1m])").get(0)
                .get("value").get(1).asString());
        await(() -> Double.parseDouble(query("count_over_time(db_migrations_pending{job=\"sample\"}[1m])").get(0)
                .get("value").get(1).asString()) >= scrapes + 2, "two scrapes after the GC\n" + prometheus.output());

        for (String panelQuery : dashboardQueries()) {
            String runnable = panelQuery.replace("${prefix}", "").replace("$job", "sample")
                    .replace("$__rate_interval", "1m");
            assertThat(query(runnable)).as("dashboard query %s", runnable).isNotEmpty();
        }

        JsonNode rules = get("/api/v1/rules").get("data").get("groups").get(0).get("rules");
        assertThat(rules).extracting(rule -> rule.get("name").asString()).containsExactly("DatabaseMigrationFailed",
                "DatabaseMigrationDirty", "DatabaseMigrationLockWaitLong", "DatabasePoolExhausted");
        for (JsonNode rule : rules) {
            assertThat(rule.get("health").asString()).as(rule.toString()).isEqualTo("ok");
            String signal = THRESHOLD.matcher(rule.get("query").asString()).replaceFirst("");
            assertThat(query(signal)).as("signal of %s: %s", rule.get("name").asString(), signal).isNotEmpty();
        }

        // Make the database dirty, as a no-transaction migration that stopped part-way leaves it.
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postgres",
                "postgres", ""); Statement statement = db.createStatement()) {
            statement.execute("UPDATE schema_migrations SET dirty = true WHERE version = 5");
        }
        // the gauges read a status at most 10 s old; the rule then holds for 1m before it fires: pending is enough
        await(() -> alertState("DatabaseMigrationDirty").filter(state -> !state.equals("inactive")).isPresent(),
                "the dirty-database alert to go off");
        assertThat(app.process().isAlive()).isTrue();
    }

    private List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : json.readTree(DOCS.resolve("migrate.json").toFile()).get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.get("expr").asString());
            }
        }
        assertThat(queries).hasSizeGreaterThan(10);
        return queries;
    }

    private Optional<String> alertState(String alert) {
        for (JsonNode rule : get("/api/v1/rules").get("data").get("groups").get(0).get("rules")) {
            if (rule.get("name").asString().equals(alert)) {
                return Optional.of(rule.get("state").asString());
            }
        }
        return Optional.empty();
    }

    /** The series the query returns with a value: a NaN sample is a gauge that lost what it reads, not data. */
    private List<JsonNode> query(String promql) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        assertThat(answer.get("status").asString()).as(promql + ": " + answer).isEqualTo("success");
        List<JsonNode> results = new ArrayList<>();
        answer.get("data").get("result").forEach(result -> {
            if (!"NaN".equals(result.path("value").path(1).asString())) {
                results.add(result);
            }
        });
        return results;
    }

    /** Runs a full GC in the app's JVM, as jcmd does for an operator. */
    private static void fullGc(SampleProcess app) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(app.process().pid()), "GC.run").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor()).as("jcmd GC.run: " + output).isZero();
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + prometheusPort + path)).build(), HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            return json.readTree("{\"status\": \"unreachable\", \"data\": {\"result\": [], \"groups\": []}}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException | AssertionError notYet) {
                // Prometheus still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
