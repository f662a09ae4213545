package dev.migrate.bench;

import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fleet with nothing to do, as a Job runs it: {@code fleet status} and {@code fleet up} as cold CLI processes
 * (bin/migrate's JVM flags and a class-data archive of the CLI's own), every target holding the same M migrations
 * applied: 100, 1,000, ... up to S schemas of one database, and D databases of one server. Commands take turns;
 * each figure is the median of the rounds: wall, CPU and the process's peak resident set. Writes
 * {@code bench/target/fleet-noop.md}. Run: {@code ./mvnw -q -pl bench exec:java
 * -Dbench.main=dev.migrate.bench.FleetNoOpBench -Dexec.args="10000 50 50 3"} after {@code package}.
 */
public final class FleetNoOpBench {

    private record Command(String label, int targets, String verb, List<String> argv) {
    }

    private FleetNoOpBench() {
    }

    public static void main(String[] args) throws Exception {
        int schemas = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int databases = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int migrations = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        run(schemas, databases, migrations, rounds).writeAlone("fleet-noop.md");
    }

    /**
     * Figures: {@code <verb>.<targets>.wall} and {@code .rss} (MB) for schemas, {@code <verb>.db.wall} for databases.
     */
    static Section run(int schemas, int databases, int migrations, int rounds) throws Exception {
        Path work = Files.createTempDirectory("fleet-noop");
        Path dir = PeerFolders.folder(work.resolve("migrations"), migrations, "%06d_t%d.up.sql",
                "CREATE TABLE t%d (id bigint PRIMARY KEY, note text);");
        Path jar = Path.of("").toAbsolutePath().resolve("migrate-cli/target/migrate.jar");
        Path archive = work.resolve("migrate.jsa");
        try (TestDatabase db = TestPostgres.createDatabase()) {
            List<String> base = List.of("-jar", jar.toString(), "-path", dir.toString(), "-database",
                    db.jdbcUrlWithCredentials(), "fleet");
            String tenants = FleetTargets.databasePattern(db);
            FleetTargets.schemas(db, schemas, plain(args(base, "up", "-schemas", "tenant_00001")));
            FleetTargets.databases(db, databases, plain(args(base, "up", "-databases",
                    FleetTargets.database(db, 1))));
            try {
                // the first run over all of them writes each target's ledger row, and the CLI's archive
                List<String> first = new ArrayList<>(List.of(PeerFolders.java(), "-XX:ArchiveClassesAtExit="
                        + archive, "-Xlog:cds=off"));
                first.addAll(args(base, "up", "-schemas", "tenant_%"));
                PeerFolders.run(first);
                PeerFolders.run(plain(args(base, "up", "-databases", tenants)));
                List<Command> commands = new ArrayList<>();
                for (int size = 100; size <= schemas; size *= 10) {
                    // 100 is tenant_00100 to tenant_00199, 1,000 tenant_01000 to tenant_01999, ...
                    String pattern = size == schemas ? "tenant_%"
                            : "tenant_" + "0".repeat(5 - Integer.toString(size).length()) + "1%";
                    for (String verb : List.of("status", "up")) {
                        commands.add(new Command(size + " schemas", size, verb, ColdCliBench.tuned(
                                PeerFolders.java(), archive, args(base, verb, "-schemas", pattern))));
                    }
                }
                for (String verb : List.of("status", "up")) {
                    commands.add(new Command(databases + " databases", 0, verb, ColdCliBench.tuned(
                            PeerFolders.java(), archive, args(base, verb, "-databases", tenants))));
                }
                return report(commands, rounds, schemas, databases, migrations);
            } finally {
                FleetTargets.dropDatabases(db, databases);
            }
        }
    }

    private static Section report(List<Command> commands, int rounds, int schemas, int databases, int migrations)
            throws Exception {
        Map<Command, Samples[]> times = new LinkedHashMap<>(); // wall, CPU, RSS (as seconds: MB)
        commands.forEach(command -> times.put(command, new Samples[] {new Samples(), new Samples(), new Samples()}));
        for (int round = 0; round < rounds; round++) {
            for (Command command : commands) {
                double[] took = Measured.run(command.argv());
                for (int i = 0; i < 3; i++) {
                    times.get(command)[i].addSeconds(took[i]);
                }
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        StringBuilder table = new StringBuilder("| targets | command | wall (s) | CPU (s) | peak RSS (MB) |\n"
                + "|---|---|---|---|---|\n");
        for (Map.Entry<Command, Samples[]> entry : times.entrySet()) {
            Command command = entry.getKey();
            Samples[] samples = entry.getValue();
            String key = command.verb() + "." + (command.targets() == 0 ? "db" : command.targets());
            figures.put(key + ".wall", samples[0].median());
            figures.put(key + ".rss", samples[2].median());
            table.append(String.format(Locale.ROOT, "| %s | `fleet %s` | %.2f (%.2f-%.2f) | %.2f | %.0f |%n",
                    command.label(), command.verb(), samples[0].median(), samples[0].min(), samples[0].max(),
                    samples[1].median(), samples[2].median()));
        }
        for (String verb : List.of("status", "up")) {
            table.append(String.format(Locale.ROOT, "%n`fleet %s`: peak RSS at %d schemas is %.2fx that at 100.",
                    verb, schemas, figures.get(verb + "." + schemas + ".rss") / figures.get(verb + ".100.rss")));
        }
        String notes = "Cold CLI processes as bin/migrate starts them (C1, serial GC, a 32 MB young generation, an "
                + "AppCDS archive of the CLI's own), nothing to do: every target holds the same " + migrations
                + " migrations applied (`CREATE TABLE`), with its own history table, and the fleet's ledger already "
                + "has a row per target from an earlier run. Schemas of one database (" + schemas + " in all; the "
                + "smaller counts are a LIKE pattern over them), and " + databases + " databases of the same server "
                + "(a login per database). Commands take turns; median of " + rounds
                + (rounds == 1 ? " round" : " rounds") + ", the range in brackets. CPU: user + system time of the "
                + "process. Peak RSS: the process's VmHWM, read until it exits. Goals: at most 2 s at 1,000 "
                + "schemas, 10 s at 10,000, and RSS at 10,000 at most 1.5x that at 100.\n\n";
        return new Section("Fleet: nothing to do, as a cold CLI process", notes + table + "\n", figures);
    }

    /** The CLI's arguments from {@code -jar} on: {@code base}, then the fleet's verb and options. */
    private static List<String> args(List<String> base, String verb, String... options) {
        List<String> argv = new ArrayList<>(base);
        argv.add(verb);
        argv.addAll(List.of(options));
        return argv;
    }

    /** A plain {@code java} running {@code args}. */
    private static List<String> plain(List<String> args) {
        List<String> argv = new ArrayList<>(List.of(PeerFolders.java()));
        argv.addAll(args);
        return argv;
    }
}
