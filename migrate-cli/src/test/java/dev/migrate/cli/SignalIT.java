package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar stopped by SIGTERM (docker stop, a pod's end) or SIGINT (Ctrl-C) while a migration runs: the
 * statement is cancelled on the server, its transaction rolled back, the lock released, the interruption said, and
 * the exit code is the signal's (143, 130). Before, the process exited at once and its session went on to commit.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang; the migration sleeps 30 s by design
class SignalIT {

    @TempDir
    Path dir;

    private static final String ACTIVE_SLEEP = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
            + "'%pg_sleep(30)%' AND state = 'active' AND datname = current_database() AND pid <> "
            + "pg_backend_pid()";

    private Process start(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("1_accounts.up.sql"), "CREATE TABLE accounts (id int);");
        Files.writeString(dir.resolve("2_slow.up.sql"), "CREATE TABLE half (id int);\nSELECT pg_sleep(30);");
        Files.writeString(dir.resolve("3_after.up.sql"), "CREATE TABLE after (id int);");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("migrate.jar"), "-path", dir.toString(), "up");
        builder.environment().put("DATABASE_URL", db.jdbcUrlWithCredentials());
        Process process = builder.start();
        process.getOutputStream().close();
        for (int i = 0; i < 3000 && !"1".equals(db.value(ACTIVE_SLEEP)); i++) {
            Thread.sleep(10);
        }
        assertThat(db.value(ACTIVE_SLEEP)).as("the slow migration runs").isEqualTo("1");
        return process;
    }

    /** As kill sends it; Process.destroy would close the streams the test reads. */
    static void signal(Process process, String name) throws Exception {
        Process kill = new ProcessBuilder(List.of("kill", "-" + name, Long.toString(process.pid()))).start();
        assertThat(kill.waitFor()).isZero();
    }

    static String stopped(Process process, int expectedExit) throws Exception {
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = err.get();
        assertThat(process.exitValue()).as(printed).isEqualTo(expectedExit);
        return printed;
    }

    private static void assertRolledBackAndNothingLeft(TestDatabase db) {
        assertThat(db.column("SELECT version::text FROM schema_migrations ORDER BY version")).containsExactly("1");
        assertThat(db.tableExists("half")).isFalse();
        assertThat(db.tableExists("after")).isFalse();
        assertThat(db.value(ACTIVE_SLEEP)).as("nothing goes on on the server").isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
    }

    @Test
    void sigtermCancelsTheStatementRollsBackReleasesTheLockAndExits143(TestDatabase db) throws Exception {
        Process process = start(db);

        signal(process, "TERM");

        String err = stopped(process, 143);
        assertThat(err.lines().toList()).contains("interrupted (SIGTERM): cancelling the statement in flight and "
                + "stopping the run").anySatisfy(line -> assertThat(line).startsWith("error: Migration 2 (slow) was "
                + "interrupted at line 2 of ").endsWith("(the process was asked to stop): its statement was cancelled "
                + "and its transaction rolled back, so nothing of it was applied; what this run did before it stays "
                + "done. Run the migrations again to carry on."));
        assertRolledBackAndNothingLeft(db);
    }

    @Test
    void sigintDoesTheSameAndExits130(TestDatabase db) throws Exception {
        Process process = start(db);

        signal(process, "INT");

        String err = stopped(process, 130);
        assertThat(err).contains("interrupted (SIGINT)", "error: Migration 2 (slow) was interrupted");
        assertRolledBackAndNothingLeft(db);
    }
}
