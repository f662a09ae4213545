package dev.migrate.bench;

import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fresh JVMs, as pods start: a JVM per sample (its whole process timed), configurations taking turns each round.
 * <ul>
 *   <li>Engine: one no-op run at N applied, migrate against the raw-JDBC floor (and Flyway);</li>
 *   <li>Spring Boot at N applied: no database at all, one pooled connection and {@code SELECT 1}, migrate's startup
 *       migrations (which then run the same {@code SELECT 1}), Spring Boot's Flyway support (likewise). A tool's
 *       overhead is its median minus the one-connection application's.</li>
 * </ul>
 * Needs {@code bench/target/classpath.txt} (written by {@code package}). Writes {@code bench/target/cold-start.md}.
 * Run: {@code ./mvnw -q -pl bench exec:java -Dbench.main=dev.migrate.bench.ColdStartBench -Dexec.args="1000 11"}.
 */
public final class ColdStartBench {

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("cold-start");
        Path migrateDir = Workload.writeMigrate(work, n);
        Path flywayDir = Workload.writeFlyway(work, n);
        StringBuilder report = new StringBuilder("| what | median (s) | min | max |\n|---|---|---|---|\n");
        try (TestDatabase migrateDb = TestPostgres.createDatabase(); TestDatabase floorDb = TestPostgres.createDatabase();
             TestDatabase flywayDb = TestPostgres.createDatabase()) {
            Map<String, List<String>> engine = new LinkedHashMap<>();
            engine.put("engine no-op: raw-JDBC floor", tool("floor", migrateDir, floorDb));
            engine.put("engine no-op: migrate", tool("migrate", migrateDir, migrateDb));
            engine.put("engine no-op: Flyway", tool("flyway", flywayDir, flywayDb));
            for (List<String> command : engine.values()) {
                PeerFolders.run(command); // applies the N migrations: what follows are no-ops
            }
            Map<String, Samples> engineTimes = measure(engine, rounds);

            Map<String, List<String>> spring = new LinkedHashMap<>();
            spring.put("Spring Boot: no database", springStart("none", List.of(
                    "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure."
                            + "DataSourceAutoConfiguration", "--spring.flyway.enabled=false")));
            spring.put("Spring Boot: one connection, SELECT 1", springStart("select1",
                    datasource(migrateDb, "--database.run-migrations=false", "--spring.flyway.enabled=false")));
            spring.put("Spring Boot: migrate", springStart("select1", datasource(migrateDb,
                    "--database.run-migrations=true", "--database.migrations.path=filesystem:" + migrateDir,
                    "--spring.flyway.enabled=false")));
            spring.put("Spring Boot: Flyway", springStart("select1", datasource(flywayDb,
                    "--database.run-migrations=false", "--spring.flyway.enabled=true",
                    "--spring.flyway.locations=filesystem:" + flywayDir)));
            Map<String, Samples> springTimes = measure(spring, rounds);

            for (Map<String, Samples> times : List.of(engineTimes, springTimes)) {
                times.forEach((what, samples) -> report.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n",
                        what, samples.median(), samples.min(), samples.max())));
            }
            double floor = engineTimes.get("engine no-op: raw-JDBC floor").median();
            double select1 = springTimes.get("Spring Boot: one connection, SELECT 1").median();
            report.append(String.format(Locale.ROOT, "%nEngine no-op in a fresh JVM at %d applied: migrate %.2fx the "
                    + "floor, Flyway %.2fx.%nSpring Boot overhead over one connection and SELECT 1: migrate %+.3f s, "
                    + "Flyway %+.3f s.%n", n, engineTimes.get("engine no-op: migrate").median() / floor,
                    engineTimes.get("engine no-op: Flyway").median() / floor,
                    springTimes.get("Spring Boot: migrate").median() - select1,
                    springTimes.get("Spring Boot: Flyway").median() - select1));
        }
        String header = "Fresh JVM per sample, " + n + " applied, median of " + rounds + " ("
                + System.getProperty("java.vm.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores)\n\n";
        Files.writeString(root.resolve("bench/target/cold-start.md"), header + report);
        System.out.println(header + report);
    }

    private static List<String> tool(String name, Path dir, TestDatabase db) throws IOException {
        return PeerFolders.oneStart("tool", name, dir.toString(), db.jdbcUrl(), db.user(),
                db.password() == null ? "" : db.password());
    }

    private static List<String> datasource(TestDatabase db, String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user()));
        if (db.password() != null) {
            args.add("--spring.datasource.password=" + db.password());
        }
        args.addAll(List.of(extra));
        return args;
    }

    private static List<String> springStart(String mode, List<String> appArgs) throws IOException {
        List<String> command = PeerFolders.oneStart("spring", mode, "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--spring.main.log-startup-info=false", "--spring.jmx.enabled=false");
        command.addAll(appArgs);
        return command;
    }

    private static Map<String, Samples> measure(Map<String, List<String>> commands, int rounds) throws Exception {
        Map<String, Samples> times = new LinkedHashMap<>();
        commands.keySet().forEach(what -> times.put(what, new Samples()));
        List<String> order = new ArrayList<>(commands.keySet());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < order.size(); i++) {
                String what = order.get((i + round) % order.size());
                long started = System.nanoTime();
                PeerFolders.run(commands.get(what));
                times.get(what).add(System.nanoTime() - started);
            }
        }
        return times;
    }
}
