package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker processes run the same {@code fleet up}, as the pods of a Kubernetes Job with parallelism 3 would;
 * one is killed with SIGKILL while it migrates a target. The two others finish the fleet, the killed worker's
 * targets included once their leases expire, and every migration has run exactly once in every schema.
 */
@ExtendWith(PostgresExtension.class)
class FleetKillIT {

    private static final int MIGRATIONS = 4;

    @TempDir
    Path dir;

    @Test
    void aKilledWorkersTargetsAreFinishedByTheOthersAndNothingRunsTwice(TestDatabase db) throws Exception {
        killOneOfThree(db, 18, 2); // a claim takes one target
    }

    @Test
    void aKilledWorkersBatchOfClaimsIsFinishedByTheOthersToo(TestDatabase db) throws Exception {
        killOneOfThree(db, 64, 1); // a claim takes eight targets, so the killed worker holds several not started
    }

    private void killOneOfThree(TestDatabase db, int tenants, int parallel) throws Exception {
        db.execute("CREATE TABLE public.runs (tenant text NOT NULL, version int NOT NULL)");
        IntStream.rangeClosed(1, tenants).forEach(i -> db.execute("CREATE SCHEMA tenant_" + i));
        Files.writeString(dir.resolve("000001_orders.up.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);\n"
                + "INSERT INTO public.runs VALUES (current_schema(), 1);");
        for (int v = 2; v <= MIGRATIONS; v++) {
            Files.writeString(dir.resolve(String.format("%06d_step.up.sql", v)), "SELECT pg_sleep(0.1);\n"
                    + "INSERT INTO public.runs VALUES (current_schema(), " + v + ");");
        }
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add(start(db, "fleet", "up", "-schemas", "tenant_%", "-parallel", String.valueOf(parallel),
                    "-lease", "2s"));
        }
        Process victim = workers.get(0);
        String claim = victim.pid() + "@%";
        for (int i = 0; i < 6000 && !"1".equals(db.value("SELECT least(count(*), 1) FROM pg_tables WHERE "
                + "tablename = 'migrate_fleet'")); i++) {
            Thread.sleep(10);
        }
        for (int i = 0; i < 6000 && "0".equals(db.value("SELECT count(*) FROM migrate_fleet WHERE state = 'running' "
                + "AND worker LIKE ?", claim)); i++) {
            Thread.sleep(10);
        }
        victim.destroyForcibly();
        assertThat(victim.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // Claimed, and no longer renewed: taken over once the lease runs out (unless it was settled just before).
        boolean leftRunning = !"0".equals(db.value("SELECT count(*) FROM migrate_fleet WHERE state = 'running' "
                + "AND worker LIKE ?", claim));

        for (Process survivor : workers.subList(1, 3)) {
            assertThat(survivor.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(survivor.exitValue()).as(new String(survivor.getInputStream().readAllBytes())).isZero();
        }
        assertThat(db.column("SELECT tenant || ':' || version FROM public.runs GROUP BY tenant, version "
                + "HAVING count(*) > 1")).as("a migration ran twice in a schema").isEmpty();
        assertThat(db.value("SELECT count(*) FROM public.runs")).isEqualTo(String.valueOf(tenants * MIGRATIONS));
        for (int i = 1; i <= tenants; i++) {
            assertThat(db.value("SELECT count(*) FROM tenant_" + i + ".schema_migrations WHERE NOT dirty"))
                    .isEqualTo(String.valueOf(MIGRATIONS));
        }
        assertThat(db.column("SELECT DISTINCT state FROM migrate_fleet")).containsExactly("done");
        System.out.println("FleetKillIT: the killed worker left " + (leftRunning ? "targets" : "no target")
                + " claimed; attempts by target: " + db.column("SELECT target || '=' || attempts FROM migrate_fleet "
                + "WHERE attempts > 1 ORDER BY 1"));
        if (leftRunning) {
            assertThat(db.column("SELECT worker FROM migrate_fleet WHERE attempts > 1")).isNotEmpty()
                    .noneMatch(worker -> worker.startsWith(victim.pid() + "@"));
        }
    }

    private Process start(TestDatabase db, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("migrate.jar"), "-path", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DATABASE_URL", db.jdbcUrlWithCredentials());
        return builder.start();
    }
}
