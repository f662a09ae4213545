package dev.migrate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin in a real Maven build: the Maven running this build runs a service's project (src/it/basic) with a
 * local repository that holds this plugin (the invoker plugin's install step), everything else coming from this
 * machine's own local repository as a mirror of every remote one, so nothing is downloaded; on a real PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
class MavenPluginIT {

    record Build(int exitCode, String output) {
    }

    @TempDir
    Path work;

    private Path project;
    private TestDatabase db;

    @BeforeEach
    void copyTheProject(TestDatabase db) throws IOException {
        this.db = db;
        project = work.resolve("basic");
        Path source = Path.of(System.getProperty("it.projects"), "basic");
        try (var files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = project.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** Every repository mirrored by this machine's local repository, read as a remote one. */
    private Path settings() throws IOException {
        Path settings = work.resolve("settings.xml");
        if (!Files.exists(settings)) {
            String local = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
            Files.writeString(settings, "<settings><mirrors><mirror><id>local</id><mirrorOf>*</mirrorOf><url>"
                    + local + "</url></mirror></mirrors></settings>");
        }
        return settings;
    }

    private Build maven(String goal, String... properties) throws IOException, InterruptedException {
        String mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn").toString();
        List<String> command = new ArrayList<>(List.of(mvn, "-B", "-ntp", "-s", settings().toString(),
                "-Dmaven.repo.local=" + System.getProperty("it.repo"), "-f", project.resolve("pom.xml").toString(),
                "-Dmigrate.plugin.version=" + System.getProperty("plugin.version"), "-Ddb.url=" + db.jdbcUrl(),
                "-Ddb.user=" + db.user()));
        if (db.password() != null) {
            command.add("-Dmigrate.password=" + db.password());
        }
        command.addAll(List.of(properties));
        command.add("dev.migrate:migrate-maven-plugin:" + System.getProperty("plugin.version") + ":" + goal);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Build(process.exitValue(), output);
    }

    @Test
    void statusPlanLintMigrateAndValidateRunInTheBuild() throws Exception {
        Build status = maven("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("migrate: version (none), 2 pending", "1 create_orders: pending");

        Build plan = maven("plan");
        assertThat(plan.output()).contains("migrate: would apply 1 create_orders", "would apply 2 orders_by_customer");
        assertThat(db.tableExists("orders")).as("plan changes nothing").isFalse();

        Build lint = maven("lint");
        assertThat(lint.exitCode()).as(lint.output()).isNotZero();
        assertThat(lint.output()).contains("000002_orders_by_customer.up.sql:1: error [index-not-concurrent]",
                "BUILD FAILURE", "migrate lint: error-level findings remain");
        assertThat(maven("lint", "-Dmigrate.lint.failOnError=false").exitCode()).isZero();

        Build migrate = maven("migrate");
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("migrate: 2 applied, now at version 2", "BUILD SUCCESS");
        assertThat(db.tableExists("orders")).isTrue();

        assertThat(maven("validate").output()).contains("migrate: the files and the database agree");
        Files.writeString(project.resolve("src/main/resources/db/migrations/000001_create_orders.up.sql"),
                "CREATE TABLE orders (id bigint PRIMARY KEY);");
        Build invalid = maven("validate");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.output()).contains("Migration 1 (create_orders) was applied, but its file ", "has changed since",
                "BUILD FAILURE");
    }

    @Test
    void skipRunsNothing() throws Exception {
        Build skipped = maven("migrate", "-Dmigrate.skip=true");

        assertThat(skipped.exitCode()).isZero();
        assertThat(skipped.output()).contains("migrate: skipped (migrate.skip)");
        assertThat(db.tableExists("orders")).isFalse();
    }
}
