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
 *   <li>Spring Boot at N applied: no database at all, one pooled connection and {@code SELECT 1}, the raw-JDBC
 *       floor's no-op while the context starts (then the same {@code SELECT 1}), migrate's startup migrations
 *       (likewise), Spring Boot's Flyway and Liquibase support (likewise). A tool's overhead is its median minus
 *       the one-connection application's.</li>
 * </ul>
 * Needs {@code bench/target/classpath.txt} (written by {@code package}). Writes {@code bench/target/cold-start.md}.
 * Run: {@code ./mvnw -q -pl bench exec:java -Dbench.main=dev.migrate.bench.ColdStartBench -Dexec.args="1000 11"}.
 */
public final class ColdStartBench {

    private static final String SPRING_FLOOR = "Spring Boot: raw-JDBC floor";

    private ColdStartBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        run(new int[] {n}, n, rounds).writeAlone("cold-start.md");
    }

    /**
     * The engine's no-op at each of {@code sizes}, Spring Boot at {@code springN}. Figures: {@code engine.<n>}
     * (migrate / floor), {@code flyway.<n>} (Flyway / floor), {@code spring.floor}, {@code spring.migrate},
     * {@code spring.flyway} and {@code spring.liquibase} (each one's overhead over the one-connection application,
     * in seconds).
     */
    static Section run(int[] sizes, int springN, int rounds) throws Exception {
        Path work = Files.createTempDirectory("cold-start");
        Map<String, Double> figures = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder("| what | median (s) | min | max |\n|---|---|---|---|\n");
        StringBuilder summary = new StringBuilder();
        List<TestDatabase> databases = new ArrayList<>();
        try {
            Map<String, List<String>> engine = new LinkedHashMap<>();
            Path springDir = null;
            TestDatabase springDb = null;
            TestDatabase springFloorDb = null;
            TestDatabase springFlywayDb = null;
            Path springFlywayDir = null;
            Path springLiquibaseDir = null;
            for (int n : sizes) {
                Path migrateDir = Workload.writeMigrate(work.resolve("n" + n), n);
                Path flywayDir = Workload.writeFlyway(work.resolve("n" + n), n);
                Path liquibaseDir = Workload.writeLiquibase(work.resolve("n" + n), n);
                TestDatabase floorDb = open(databases);
                TestDatabase migrateDb = open(databases);
                TestDatabase flywayDb = open(databases);
                engine.put(label(n, "raw-JDBC floor"), tool("floor", migrateDir, floorDb));
                engine.put(label(n, "migrate"), tool("migrate", migrateDir, migrateDb));
                engine.put(label(n, "Flyway"), tool("flyway", flywayDir, flywayDb));
                engine.put(label(n, "Liquibase"), tool("liquibase", liquibaseDir, open(databases)));
                if (n == springN) {
                    springDir = migrateDir;
                    springDb = migrateDb;
                    springFloorDb = floorDb;
                    springFlywayDir = flywayDir;
                    springFlywayDb = flywayDb;
                    springLiquibaseDir = liquibaseDir;
                }
            }
            for (List<String> command : engine.values()) {
                PeerFolders.run(command); // applies the N migrations: what follows are no-ops
            }
            Map<String, Samples> engineTimes = measure(engine, rounds);
            for (int n : sizes) {
                double floor = engineTimes.get(label(n, "raw-JDBC floor")).median();
                figures.put("engine." + n, engineTimes.get(label(n, "migrate")).median() / floor);
                figures.put("flyway." + n, engineTimes.get(label(n, "Flyway")).median() / floor);
                figures.put("liquibase." + n, engineTimes.get(label(n, "Liquibase")).median() / floor);
                summary.append(String.format(Locale.ROOT, "Engine no-op in a fresh JVM at %,d applied: migrate %.2fx "
                        + "the floor, Flyway %.2fx, Liquibase %.2fx.%n", n, figures.get("engine." + n),
                        figures.get("flyway." + n), figures.get("liquibase." + n)));
            }
            Map<String, Samples> springTimes = Map.of();
            if (springDb != null) {
                Map<String, List<String>> spring = spring(springFloorDb, springDb, springDir, springFlywayDb,
                        springFlywayDir, open(databases), springLiquibaseDir);
                PeerFolders.run(spring.get("Spring Boot: Liquibase")); // applies them: what follows are no-ops
                springTimes = measure(spring, springRounds(rounds));
                double select1 = springTimes.get("Spring Boot: one connection, SELECT 1").median();
                figures.put("spring.floor", springTimes.get(SPRING_FLOOR).median() - select1);
                for (String tool : List.of("migrate", "Flyway", "Liquibase")) {
                    figures.put("spring." + tool.toLowerCase(Locale.ROOT),
                            springTimes.get("Spring Boot: " + tool).median() - select1);
                }
                summary.append(String.format(Locale.ROOT, "Spring Boot at %,d applied, overhead over one connection "
                        + "and SELECT 1: the raw-JDBC floor %+.3f s, migrate %+.3f s, Flyway %+.3f s, "
                        + "Liquibase %+.3f s.%n", springN, figures.get("spring.floor"), figures.get("spring.migrate"),
                        figures.get("spring.flyway"), figures.get("spring.liquibase")));
            }
            for (Map<String, Samples> times : List.of(engineTimes, springTimes)) {
                times.forEach((what, samples) -> report.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n",
                        what, samples.median(), samples.min(), samples.max())));
            }
        } finally {
            for (TestDatabase db : databases) {
                db.close();
            }
        }
        String notes = "A fresh JVM per sample (its whole process timed, from `java` to exit), configurations taking "
                + "turns, median of " + rounds + " (Spring Boot: of " + springRounds(rounds) + "). Engine: one "
                + "`migrate()` with nothing to do, against the raw-JDBC "
                + "floor doing the least a correct tool must (list the files, read the history, compare checksums). "
                + "Spring Boot " + springBootVersion() + ": `java` per start of a small application: no database at all; "
                + "one pooled connection and `SELECT 1` at startup; the raw-JDBC floor's no-op run by a bean while the "
                + "context starts, as startup migrations run (then the same `SELECT 1`); migrate's startup migrations "
                + "(likewise); Spring Boot's Flyway and Liquibase support (likewise). A tool's overhead is its "
                + "median minus the "
                + "one-connection application's.\n\n";
        return new Section("Fresh JVM: engine no-op and Spring Boot start", notes + report + "\n" + summary, figures);
    }

    /**
     * Spring Boot's overheads are differences of medians of starts whose ranges span a few tenths of a second on
     * two cores, against a target of a tenth: they get about twice the samples.
     */
    private static int springRounds(int rounds) {
        return 2 * rounds - 1;
    }

    private static String springBootVersion() {
        return org.springframework.boot.SpringBootVersion.getVersion();
    }

    private static String label(int n, String tool) {
        return String.format(Locale.ROOT, "engine no-op at %,d: %s", n, tool);
    }

    private static TestDatabase open(List<TestDatabase> databases) {
        TestDatabase db = TestPostgres.createDatabase();
        databases.add(db);
        return db;
    }

    private static Map<String, List<String>> spring(TestDatabase floorDb, TestDatabase migrateDb, Path migrateDir,
            TestDatabase flywayDb, Path flywayDir, TestDatabase liquibaseDb, Path liquibaseDir) throws IOException {
        Map<String, List<String>> spring = new LinkedHashMap<>();
        spring.put("Spring Boot: no database", springStart("none", List.of(
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure."
                        + "DataSourceAutoConfiguration", "--spring.flyway.enabled=false")));
        spring.put("Spring Boot: one connection, SELECT 1", springStart("select1",
                datasource(migrateDb, "--database.run-migrations=false", "--spring.flyway.enabled=false",
                        "--spring.liquibase.enabled=false")));
        spring.put(SPRING_FLOOR, springStart("select1", datasource(floorDb, "--database.run-migrations=false",
                "--bench.floor-dir=" + migrateDir, "--spring.flyway.enabled=false",
                "--spring.liquibase.enabled=false")));
        spring.put("Spring Boot: migrate", springStart("select1", datasource(migrateDb,
                "--database.run-migrations=true", "--database.migrations.path=filesystem:" + migrateDir,
                "--spring.flyway.enabled=false", "--spring.liquibase.enabled=false")));
        spring.put("Spring Boot: Flyway", springStart("select1", datasource(flywayDb,
                "--database.run-migrations=false", "--spring.flyway.enabled=true",
                "--spring.flyway.locations=filesystem:" + flywayDir, "--spring.liquibase.enabled=false")));
        // on the classpath, as applications keep their changelogs (Spring's resource accessor cannot list a
        // file: directory for includeAll)
        List<String> liquibase = springStart(List.of(liquibaseDir), "select1", datasource(liquibaseDb,
                "--database.run-migrations=false", "--spring.flyway.enabled=false", "--spring.liquibase.enabled=true",
                "--spring.liquibase.change-log=classpath:changelog.xml"));
        spring.put("Spring Boot: Liquibase", liquibase);
        return spring;
    }

    private static List<String> tool(String name, Path dir, TestDatabase db) throws IOException {
        return PeerFolders.oneTool(name, dir, db.jdbcUrl(), db);
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
        return springStart(List.of(), mode, appArgs);
    }

    private static List<String> springStart(List<Path> resources, String mode, List<String> appArgs)
            throws IOException {
        List<String> command = PeerFolders.oneStart(resources, "spring", mode, "--spring.main.web-application-type=none",
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
