package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a {@code fleet up} while two tenants run a long migration, as a Job's pod is ended: each running
 * target's statement is cancelled on the server and rolled back, their claims are released for other workers, the
 * process exits 143, and nothing goes on on the server afterwards.
 */
@ExtendWith(PostgresExtension.class)
class FleetSignalIT {

    private static final String ACTIVE_SLEEP = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
            + "'%pg_sleep(30)%' AND state = 'active' AND datname = current_database() AND pid <> pg_backend_pid()";

    @TempDir
    Path dir;

    @Test
    void sigtermStopsEveryRunningTargetAndLeavesNothingOnTheServer(TestDatabase db) throws Exception {
        IntStream.rangeClosed(1, 4).forEach(i -> db.execute("CREATE SCHEMA tenant_" + i));
        Files.writeString(dir.resolve("1_orders.up.sql"), "CREATE TABLE orders (id int);");
        Files.writeString(dir.resolve("2_slow.up.sql"), "CREATE TABLE half (id int);\nSELECT pg_sleep(30);");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("migrate.jar"), "-path", dir.toString(), "fleet", "up", "-schemas",
                "tenant_%", "-parallel", "2");
        builder.environment().put("DATABASE_URL", db.jdbcUrlWithCredentials());
        Process process = builder.start();
        process.getOutputStream().close();
        for (int i = 0; i < 3000 && !"2".equals(db.value(ACTIVE_SLEEP)); i++) {
            Thread.sleep(10);
        }
        assertThat(db.value(ACTIVE_SLEEP)).as("two tenants run the slow migration").isEqualTo("2");

        SignalIT.signal(process, "TERM");
        assertThat(SignalIT.stopped(process, 143)).contains("interrupted (SIGTERM)");

        assertThat(db.value(ACTIVE_SLEEP)).as("nothing goes on on the server").isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
        for (int i = 1; i <= 4; i++) {
            assertThat(db.tableExists("tenant_" + i + ".half")).as("tenant_" + i + " rolled back").isFalse();
        }
        assertThat(db.value("SELECT count(*) FROM migrate_fleet WHERE state = 'running' "
                + "AND lease_until > clock_timestamp()")).as("claims released").isEqualTo("0");
    }
}
