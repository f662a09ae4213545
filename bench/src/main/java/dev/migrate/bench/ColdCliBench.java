package dev.migrate.bench;

import dev.migrate.test.PeerTools;
import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The CLI as users run it: a cold process per command (a Job, a compose service, {@code make migrate}), nothing to
 * do at {@code N} applied migrations, side by side with dbmate and sql-migrate (where installed) and with a Java
 * program that does nothing (the JVM's floor). Tools take turns in every round; each figure is the median of the
 * rounds, wall time and CPU time (user + system, as bash's {@code time} reports the child). Writes
 * {@code bench/target/cold-cli.md}. Run: {@code ./mvnw -q -pl bench exec:java -Dbench.main=dev.migrate.bench.ColdCliBench
 * -Dexec.args="200 7"}.
 */
public final class ColdCliBench {

    private record Command(String name, List<String> argv) {
    }

    /** The JVM flags bin/migrate starts the CLI with (the archive aside), for the JDBC row too. */
    private static final List<String> CLI_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:+UseSerialGC", "-Xmn32m", "-XX:-UsePerfData", "-Xlog:cds=off");

    private static final String JDBC = "java + pgjdbc: connect, read the history, hash the files (C1, serial GC, AppCDS)";

    private ColdCliBench() {
    }

    public static void main(String[] args) throws Exception {
        int applied = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        run(applied, rounds).writeAlone("cold-cli.md");
    }

    /**
     * Figures: {@code <command>.wall} and {@code <command>.cpu} for migrate as bin/migrate runs it, {@code
     * <command>.<tool>.wall} for each peer ({@code dbmate}, {@code sql-migrate}), and {@code floor.wall}.
     */
    static Section run(int applied, int rounds) throws Exception {
        Map<String, Double> figures = new LinkedHashMap<>();
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("cold-cli");
        String java = PeerFolders.java();
        String jar = root.resolve("migrate-cli/target/migrate.jar").toString();
        Path archive = work.resolve("migrate.jsa");
        List<String> tuned = tuned(java, archive, List.of("-jar", jar));
        try (TestDatabase forMigrate = TestPostgres.createDatabase(); TestDatabase forDbmate = TestPostgres.createDatabase();
             TestDatabase forSqlMigrate = TestPostgres.createDatabase(); TestDatabase forJdbc = TestPostgres.createDatabase()) {
            Path migrateDir = PeerFolders.migrate(work.resolve("migrate"), applied);
            String url = forMigrate.jdbcUrlWithCredentials();
            PeerFolders.run(List.of(java, "-jar", jar, "-path", migrateDir.toString(), "-database", url, "up"));
            // the archive a first run writes (bin/migrate does this after each build)
            PeerFolders.run(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-jar", jar, "-path",
                    migrateDir.toString(), "-database", url, "up"));

            List<String> jdbc = jdbcFloor(java, work, root, migrateDir, forJdbc);

            Map<String, List<Command>> commands = new LinkedHashMap<>();
            commands.put("up", new ArrayList<>());
            commands.put("status", new ArrayList<>());
            commands.get("up").add(new Command("java, empty main (floor)", List.of(java, "-cp",
                    root.resolve("bench/target/classes").toString(), EmptyMain.class.getName())));
            commands.get("up").add(new Command(JDBC, jdbc));
            for (String verb : List.of("up", "status")) {
                commands.get(verb).add(new Command("migrate (java -jar)", List.of(java, "-jar", jar, "-path",
                        migrateDir.toString(), "-database", url, verb)));
                List<String> fast = new ArrayList<>(tuned);
                fast.addAll(List.of("-path", migrateDir.toString(), "-database", url, verb));
                commands.get(verb).add(new Command("migrate (bin/migrate: C1, serial GC, AppCDS)", fast));
            }
            Optional<Path> dbmate = PeerTools.dbmate();
            if (dbmate.isPresent()) {
                Path dir = PeerFolders.dbmate(work.resolve("dbmate"), applied);
                URI server = URI.create(forDbmate.jdbcUrl().substring("jdbc:".length()));
                List<String> base = List.of(dbmate.get().toString(), "--url", PeerFolders.dbmateUrl(server.getHost(),
                        server.getPort(), forDbmate), "--migrations-dir", dir.toString(), "--no-dump-schema");
                PeerFolders.run(concat(base, "up"));
                commands.get("up").add(new Command("dbmate", concat(base, "up")));
                commands.get("status").add(new Command("dbmate", concat(base, "status")));
            }
            Optional<Path> sqlMigrate = PeerTools.sqlMigrate();
            if (sqlMigrate.isPresent()) {
                Path dir = PeerFolders.sqlMigrate(work.resolve("sql-migrate"), applied);
                URI server = URI.create(forSqlMigrate.jdbcUrl().substring("jdbc:".length()));
                Path config = PeerFolders.sqlMigrateConfig(work.resolve("dbconfig.yml"), server.getHost(),
                        server.getPort(), forSqlMigrate, dir);
                List<String> base = List.of(sqlMigrate.get().toString());
                PeerFolders.run(List.of(base.get(0), "up", "-config", config.toString(), "-env", "bench"));
                commands.get("up").add(new Command("sql-migrate", List.of(base.get(0), "up", "-config",
                        config.toString(), "-env", "bench")));
                commands.get("status").add(new Command("sql-migrate", List.of(base.get(0), "status", "-config",
                        config.toString(), "-env", "bench")));
            }
            StringBuilder report = new StringBuilder("| command | tool | wall (s) | CPU (s) | wall / floor |\n"
                    + "|---|---|---|---|---|\n");
            double floor = Double.NaN;
            for (Map.Entry<String, List<Command>> verb : commands.entrySet()) {
                Map<Command, Samples[]> times = new LinkedHashMap<>(); // wall and CPU
                verb.getValue().forEach(c -> times.put(c, new Samples[] {new Samples(), new Samples()}));
                for (int round = 0; round < rounds; round++) {
                    for (Command command : verb.getValue()) {
                        double[] took = timed(command.argv());
                        times.get(command)[0].addSeconds(took[0]);
                        times.get(command)[1].addSeconds(took[1]);
                    }
                }
                for (Map.Entry<Command, Samples[]> entry : times.entrySet()) {
                    double wall = entry.getValue()[0].median();
                    double cpu = entry.getValue()[1].median();
                    String name = entry.getKey().name();
                    if (name.contains("floor")) {
                        floor = wall;
                        figures.put("floor.wall", wall);
                    } else if (name.equals(JDBC)) {
                        figures.put("jdbc.wall", wall);
                        figures.put("jdbc.cpu", cpu);
                    } else if (name.startsWith("migrate (bin/migrate")) {
                        figures.put(verb.getKey() + ".wall", wall);
                        figures.put(verb.getKey() + ".cpu", cpu);
                    } else if (!name.startsWith("migrate")) {
                        figures.put(verb.getKey() + "." + name + ".wall", wall);
                    }
                    report.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.1fx |%n", verb.getKey(),
                            entry.getKey().name(), wall, cpu, wall / floor));
                }
            }
            String notes = "A cold process per command, nothing to do at " + applied + " applied migrations, tools "
                    + "taking turns, median of " + rounds + " rounds; CPU is user + system time of the process, as "
                    + "bash's `time` reports it. The floor is `java` running an empty main class. `bin/migrate` starts "
                    + "the JVM with C1 only on one compiler thread, the serial collector, no hsperfdata file and an "
                    + "AppCDS archive written by the first run after each build. The JDBC row is the floor of any Java CLI that migrates PostgreSQL: the same JVM "
                    + "settings and an archive of its own, pgjdbc connecting, reading a history table of " + applied
                    + " rows and hashing the files, and nothing else (no arguments, logging, lock or engine).\n\n";
            return new Section("CLI, cold process, nothing to do", notes + report, figures);
        }
    }

    /**
     * The JDBC floor's command: {@link JdbcMain} from a jar of its own (a class-data archive needs jars), run once to
     * apply the files and once more to write its archive, as a first run of {@code bin/migrate} writes its own.
     */
    private static List<String> jdbcFloor(String java, Path work, Path root, Path dir, TestDatabase db)
            throws IOException, InterruptedException {
        Path jar = work.resolve("jdbc-floor.jar");
        Path classes = root.resolve("bench/target/classes");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : List.of(JdbcMain.class, FloorTool.class, Tool.class)) {
                String name = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(name));
                out.write(Files.readAllBytes(classes.resolve(name)));
                out.closeEntry();
            }
        }
        String driver = PeerFolders.dependencies().stream()
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("postgresql-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("pgjdbc is not on the bench's classpath"));
        String classpath = jar + ":" + driver;
        Path archive = work.resolve("jdbc-floor.jsa");
        List<String> args = List.of(JdbcMain.class.getName(), dir.toString(), db.jdbcUrl(), db.user(),
                db.password() == null ? "" : db.password());
        PeerFolders.run(concat(List.of(java, "-cp", classpath), args));
        PeerFolders.run(concat(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-cp", classpath),
                args));
        return tuned(java, archive, concat(List.of("-cp", classpath), args));
    }

    /** {@code java} started as bin/migrate starts it, mapping {@code archive}, then {@code rest}. */
    static List<String> tuned(String java, Path archive, List<String> rest) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(CLI_JVM);
        command.add("-XX:SharedArchiveFile=" + archive);
        command.addAll(rest);
        return command;
    }

    private static List<String> concat(List<String> base, List<String> rest) {
        List<String> all = new ArrayList<>(base);
        all.addAll(rest);
        return all;
    }

    private static List<String> concat(List<String> base, String last) {
        return concat(base, List.of(last));
    }

    /** Wall and CPU seconds of one run, as bash's {@code time} measures the child (whatever its exit code). */
    private static double[] timed(List<String> argv) throws IOException, InterruptedException {
        return Measured.times(Measured.timed(argv), argv, false);
    }
}
