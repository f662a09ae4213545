package dev.migrate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged application as a Kubernetes Job or compose {@code migrate} service runs it: migrate, then exit
 * 0 (or 1 on failure) without starting the web server.
 */
class ExitAfterMigrateIT {

    record Run(int exitCode, String output) {
    }

    private static Run sample(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("sample.jar"), "--server.port=0"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the application exits by itself").isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void migratesAndExitsZeroWithoutStartingTheWebServer() throws Exception {
        Run run = sample("--database.migrations.exit-after-migrate=true");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("database migrations applied successfully: 5 applied, now at version 5",
                "exiting after migrating to version 5").doesNotContain("Tomcat started");
    }

    @Test
    void exitsOneWhenMigrationsFail() throws Exception {
        Run run = sample("--database.migrations.exit-after-migrate=true", "--database.migrations.path=classpath:db/nowhere");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("Migration location classpath:db/nowhere does not exist.")
                .doesNotContain("Tomcat started");
    }

    @Test
    void aNormalStartupStopsWithAnExplanationWhenMigrationsFail() throws Exception {
        Run run = sample("--database.migrations.path=classpath:db/nowhere");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output()).contains("APPLICATION FAILED TO START", "Migration location classpath:db/nowhere "
                + "does not exist.", "Fix the migration files or database.migrations.path");
    }
}
