package dev.migrate.bench;

import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fleet from empty, side by side in one run: S schemas of one database, then D databases of one server, each
 * given the same N migrations, by {@code fleet up} at its defaults, by the engine looping over the targets one by
 * one, and by Flyway 13 looping one {@code Flyway} per target in one JVM (its documented way). Each in a fresh JVM
 * of its own, on a fresh database: wall time, migrations per second, the most connections open at once (counted on
 * the server), and the process's peak resident set. Writes {@code bench/target/fleet.md}. Run: {@code ./mvnw -q
 * -pl bench exec:java -Dbench.main=dev.migrate.bench.FleetBench -Dexec.args="1000 20 50"} after {@code package}.
 */
public final class FleetBench {

    private static final List<String> MODES = List.of("fleet", "loop", "flyway");

    private FleetBench() {
    }

    public static void main(String[] args) throws Exception {
        int schemas = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int migrations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int databases = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        run(schemas, databases, migrations).writeAlone("fleet.md");
    }

    /** A measured run: wall seconds, peak connections, peak RSS in MB. */
    private record Run(double seconds, int connections, long rssMb) {
    }

    static Section run(int schemas, int databases, int migrations) throws Exception {
        Path work = Files.createTempDirectory("fleet-bench");
        Path migrateDir = Workload.writeMigrate(work, migrations);
        Path flywayDir = Workload.writeFlyway(work, migrations);
        Map<String, Double> figures = new LinkedHashMap<>();
        StringBuilder tables = new StringBuilder();
        for (boolean perDatabase : new boolean[] {false, true}) {
            int count = perDatabase ? databases : schemas;
            Map<String, Run> runs = new LinkedHashMap<>();
            for (String mode : MODES) {
                runs.put(mode, measure(mode, mode.equals("flyway") ? flywayDir : migrateDir, count, migrations,
                        perDatabase));
            }
            tables.append(table(runs, count, perDatabase ? "databases" : "schemas", migrations, figures,
                    perDatabase ? "db." : ""));
        }
        String notes = "Each configuration in a fresh JVM of its own (the whole process timed, from `java` to exit), "
                + "on a fresh database of the same server holding " + schemas + " empty schemas, or beside "
                + databases + " empty databases of that server; every target gets the bench's " + migrations
                + " migrations (tables with comments, indexes, plpgsql functions, 100-row inserts), with its own "
                + "history table. Peak connections: the most sessions the control database and the targets had at "
                + "once, counted on the server every 20 ms. Peak RSS: the process's VmHWM.\n\n";
        return new Section("Fleet: many schemas from empty", notes + tables, figures);
    }

    private static String table(Map<String, Run> runs, int count, String kind, int migrations,
            Map<String, Double> figures, String prefix) {
        StringBuilder table = new StringBuilder("| " + count + " " + kind + " x " + migrations + " migrations, "
                + "from empty | wall (s) | migrations/s | peak connections | peak RSS (MB) | Flyway loop / this |\n"
                + "|---|---|---|---|---|---|\n");
        double flyway = runs.get("flyway").seconds();
        String one = kind.substring(0, kind.length() - 1);
        Map<String, String> labels = Map.of("fleet", "`fleet up`, defaults (4 at once, 10 connections)",
                "loop", "the engine, one " + one + " after the other", "flyway", "Flyway 13, one `Flyway` per " + one);
        for (Map.Entry<String, Run> entry : runs.entrySet()) {
            Run run = entry.getValue();
            double rate = count * (double) migrations / run.seconds();
            table.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f | %d | %d | %.2fx |%n",
                    labels.get(entry.getKey()), run.seconds(), rate, run.connections(), run.rssMb(),
                    flyway / run.seconds()));
            figures.put(prefix + entry.getKey() + ".seconds", run.seconds());
        }
        double parallelAlone = runs.get("loop").seconds() / runs.get("fleet").seconds();
        table.append(String.format(Locale.ROOT, "%nThe fleet is %.2fx the engine's own loop (what running 4 at once "
                + "gives) and %.2fx the Flyway loop.%n%n", parallelAlone, flyway / runs.get("fleet").seconds()));
        return table.toString();
    }

    /**
     * One configuration in a fresh JVM, on a fresh control database holding {@code count} empty schemas, or beside
     * {@code count} empty databases of the same server ({@code databases}, named by {@link FleetTargets#database}).
     */
    private static Run measure(String mode, Path dir, int count, int migrations, boolean databases)
            throws Exception {
        try (TestDatabase db = TestPostgres.createDatabase()) {
            String pattern = databases ? FleetTargets.databasePattern(db) : "tenant_%";
            if (databases) {
                for (int i = 1; i <= count; i++) {
                    db.execute("CREATE DATABASE " + FleetTargets.database(db, i));
                }
            } else {
                db.execute("DO $$ BEGIN FOR i IN 1.." + count + " LOOP EXECUTE format('CREATE SCHEMA %I', "
                        + "'tenant_' || lpad(i::text, 5, '0')); END LOOP; END $$");
            }
            try {
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger most = new AtomicInteger();
                Thread counter = new Thread(() -> count(db, pattern, running, most), "fleet-bench-connections");
                counter.start();
                String output;
                long started = System.nanoTime();
                try {
                    List<String> command = new ArrayList<>(List.of(PeerFolders.java(), "-cp", classpath(),
                            FleetStart.class.getName(), mode, dir.toString(), db.jdbcUrl(), db.user(),
                            db.password() == null ? "" : db.password(), pattern,
                            databases ? "databases" : "schemas"));
                    output = PeerFolders.run(command);
                } finally {
                    running.set(false);
                    counter.join();
                }
                double seconds = (System.nanoTime() - started) / 1e9; // the process, and the counter's last 20 ms
                checkLast(db, mode, count, migrations, databases);
                long rss = Long.parseLong(line(output, "VmHWM:").replaceAll("\\D", "")) / 1024;
                return new Run(seconds, most.get(), rss);
            } finally {
                FleetTargets.dropDatabases(db, databases ? count : 0);
            }
        }
    }

    /** Fails the bench when the last target did not get every migration. */
    private static void checkLast(TestDatabase db, String mode, int count, int migrations, boolean databases)
            throws java.sql.SQLException {
        String history = mode.equals("flyway") ? "flyway_schema_history WHERE success AND version IS NOT NULL"
                : "schema_migrations";
        String applied;
        if (databases) {
            org.postgresql.ds.PGSimpleDataSource last = JdbcMain.dataSource(db.jdbcUrl(), db.user(),
                    db.password() == null ? "" : db.password());
            last.setDatabaseName(FleetTargets.database(db, count));
            try (Connection connection = last.getConnection();
                 ResultSet row = connection.createStatement().executeQuery("SELECT count(*) FROM " + history)) {
                row.next();
                applied = row.getString(1);
            }
        } else {
            applied = db.value("SELECT count(*) FROM tenant_" + String.format("%05d", count) + "." + history);
        }
        if (!applied.equals(String.valueOf(migrations))) {
            throw new IllegalStateException(mode + " left the last target with " + applied + " migrations");
        }
    }

    /** The most sessions at once on the control database and on the databases {@code pattern} names. */
    private static void count(TestDatabase db, String pattern, AtomicBoolean running, AtomicInteger most) {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE (datname = current_database() OR datname LIKE ?) AND pid <> pg_backend_pid()")) {
            statement.setString(1, pattern);
            while (running.get()) {
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    most.accumulateAndGet(row.getInt(1), Math::max);
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not count the connections", e);
        }
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + prefix + " in:\n" + output));
    }

    private static String classpath() throws java.io.IOException {
        return Path.of("").toAbsolutePath().resolve("bench/target/classes") + ":"
                + String.join(":", PeerFolders.dependencies());
    }
}
