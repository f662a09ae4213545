package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar killed with SIGKILL at random moments, over and over, as a node failure or an OOM kill ends a
 * pod. Every migration writes two parts of its version into a ledger with a pause between them, so a kill lands
 * inside migrations. After each kill: no migration ran twice, no transactional migration is half-applied, at most
 * one version is dirty, and the documented way back (inspect, then force) works. Prints its figures for
 * docs/reliability.md.
 */
@ExtendWith(PostgresExtension.class)
class KillNineIT {

    private static final int MIGRATIONS = 300;
    private static final int KILLS = 30;

    @TempDir
    Path dir;

    private TestDatabase db;

    private static boolean noTransaction(int version) {
        return version % 8 == 0;
    }

    private void writeFolder() throws IOException {
        Files.writeString(dir.resolve("000001_ledger.up.sql"),
                "CREATE TABLE ledger (version int NOT NULL, part text NOT NULL);\n"
                        + "INSERT INTO ledger VALUES (1, 'a'), (1, 'b');");
        for (int v = 2; v <= MIGRATIONS; v++) {
            String body = "INSERT INTO ledger VALUES (" + v + ", 'a');\nSELECT pg_sleep(0.02);\n"
                    + "INSERT INTO ledger VALUES (" + v + ", 'b');\n";
            Files.writeString(dir.resolve(String.format("%06d_step.up.sql", v)),
                    noTransaction(v) ? "-- migrate:no-transaction\n" + body : body);
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("migrate.jar"), "-path", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DATABASE_URL", db.jdbcUrlWithCredentials());
        return builder.start();
    }

    private int run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    /** The killed process's sessions end when the server notices; until then they may still hold locks. */
    private void awaitSessionsGone() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if ("0".equals(db.value("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid()"))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the killed process's sessions did not end");
    }

    private boolean historyExists() {
        return db.tableExists("schema_migrations");
    }

    /** Checks every invariant; returns the dirty version, or 0. */
    private int check() {
        if (!historyExists()) {
            assertThat(db.tableExists("ledger")).as("ledger without history").isFalse();
            return 0;
        }
        // A kill between creating the history table and committing migration 1 leaves the table without a ledger.
        if (db.tableExists("ledger")) {
            assertThat(db.column("SELECT version || ':' || part FROM ledger GROUP BY version, part HAVING count(*) > 1"))
                    .as("a migration ran twice").isEmpty();
        }
        List<String> dirty = db.column("SELECT version::text FROM schema_migrations WHERE dirty");
        assertThat(dirty).as("dirty versions").hasSizeLessThanOrEqualTo(1);
        String ledgerVersions = db.tableExists("ledger")
                ? "SELECT version, count(*) AS parts FROM ledger GROUP BY version" : "SELECT 0 AS version, 0 AS parts WHERE false";
        // A clean row has both parts; no row has none; only a dirty (no-transaction) version may have some.
        assertThat(db.column("SELECT coalesce(h.version, l.version)::text FROM schema_migrations h FULL JOIN ("
                + ledgerVersions + ") l ON l.version = h.version WHERE (h.version IS NULL AND l.parts > 0) "
                + "OR (h.version IS NOT NULL AND NOT h.dirty AND coalesce(l.parts, 0) <> 2)"))
                .as("half-applied or unrecorded migrations").isEmpty();
        int version = dirty.isEmpty() ? 0 : Integer.parseInt(dirty.get(0));
        assertThat(version == 0 || noTransaction(version)).as("only a no-transaction migration is ever dirty").isTrue();
        return version;
    }

    /** The documented way back: see which statements took effect, then make it one version and force that. */
    private void recover(int dirty) throws IOException, InterruptedException {
        int parts = Integer.parseInt(db.value("SELECT count(*) FROM ledger WHERE version = ?", dirty));
        if (parts == 2) {
            assertThat(run("force", String.valueOf(dirty))).isZero();
        } else {
            db.execute("DELETE FROM ledger WHERE version = " + dirty);
            assertThat(run("force", String.valueOf(dirty - 1))).isZero();
        }
    }

    @Test
    void killedAtRandomMomentsItNeverAppliesAMigrationTwiceNorLeavesOneHalfApplied(TestDatabase db) throws Exception {
        this.db = db;
        writeFolder();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int kills = 0;
        int dirtyRecoveries = 0;
        int completedCycles = 0;
        int rounds = 0;
        while (kills < KILLS && rounds < 200) {
            rounds++;
            Process process = start("up");
            if (process.waitFor(400 + random.nextInt(1400), TimeUnit.MILLISECONDS)) {
                assertThat(process.exitValue()).as("a run that was not killed (seed " + seed + ")").isZero();
                check();
                completedCycles++;
                db.execute("DROP TABLE ledger; DROP TABLE schema_migrations");
                continue;
            }
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills++;
            awaitSessionsGone();
            int dirty = check();
            if (dirty != 0) {
                dirtyRecoveries++;
                recover(dirty);
                assertThat(check()).isZero();
            }
        }
        assertThat(run("up")).isZero();
        check();
        assertThat(db.value("SELECT count(*) FROM ledger")).isEqualTo(String.valueOf(2 * MIGRATIONS));

        System.out.printf("kill -9 loop: %d kills in %d rounds, %d dirty versions recovered with force, %d cycles "
                + "completed, %d migrations per cycle; nothing ran twice or was half-applied (seed %d)%n", kills,
                rounds, dirtyRecoveries, completedCycles, MIGRATIONS, seed);
        assertThat(kills).isGreaterThanOrEqualTo(KILLS);
    }
}
