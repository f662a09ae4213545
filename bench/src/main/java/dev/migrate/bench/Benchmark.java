package dev.migrate.bench;

import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command for the whole comparison. First as users run the tools, a process or a fresh JVM per sample: the
 * CLI's cold start beside dbmate and sql-migrate ({@link ColdCliBench}), the engine's and Spring Boot's fresh-JVM
 * start ({@link ColdStartBench}), a database 10 ms away ({@link NetworkBench}), peak memory ({@link MemoryBench}).
 * Then warm, in this JVM: for each N, every tool applies the same N migrations to a fresh database and then runs
 * {@value #NOOP_RUNS} times more with nothing to do (no-op), tools alternating from round to round, after one
 * discarded round at each N up to 1,000; then Spring Boot startup with 1,000 applied migrations. Writes
 * docs/performance.md and docs/performance.png.
 *
 * <pre>bin/bench [sizes] [rounds] [rounds for the largest size]   # default: 100,1000,10000 5 3</pre>
 */
public final class Benchmark {

    private static final Logger log = LoggerFactory.getLogger(Benchmark.class);

    /**
     * {@code -Dbench.quick=true}: every part at a small size, once, written to bench/target/quick/ instead of docs/:
     * to check the whole run works before spending half an hour on it.
     */
    private static final boolean QUICK = Boolean.getBoolean("bench.quick");

    /** Runs with nothing to do after each cold apply; every one is a sample. */
    static final int NOOP_RUNS = 5;

    /** Cold and no-op timings of one tool at one N; {@code firstNoop} holds each round's first no-op alone. */
    record Cell(Samples cold, Samples noop, Samples firstNoop) {
        Cell() {
            this(new Samples(), new Samples(), new Samples());
        }
    }

    /** The cold sections, measured first. */
    record Cold(Section cli, Section start, Section network, Section memory, Section listing, Section fleet,
            Section fleetNoOp, String dbmateVersion, String sqlMigrateVersion) {
        List<Section> sections() {
            return List.of(cli, start, network, memory);
        }
    }

    private Benchmark() {
    }

    /** The cold benches, as users run the tools: a process or a fresh JVM per sample. */
    private static Cold cold() throws Exception {
        Section cli = ColdCliBench.run(QUICK ? 20 : 200, QUICK ? 1 : 7);
        log.info("cold CLI measured");
        Section start = QUICK ? ColdStartBench.run(new int[] {50}, 50, 1)
                : ColdStartBench.run(new int[] {1000, 10000}, 1000, 11);
        log.info("fresh JVM starts measured");
        Section network = NetworkBench.run(QUICK ? 20 : 1000, QUICK ? 1 : 3, 1, java.time.Duration.ofMillis(10));
        log.info("network measured");
        Section memory = MemoryBench.run(QUICK ? 100 : 10_000, QUICK ? 1 : 50);
        log.info("memory measured");
        Section listing = ListingBench.run(QUICK ? 10 : 100, QUICK ? 20 : 200, QUICK ? 1 : 7);
        log.info("many targets measured");
        Section fleet = FleetBench.run(QUICK ? 20 : 1000, QUICK ? 3 : 50, QUICK ? 4 : 20);
        log.info("fleet measured");
        Section fleetNoOp = QUICK ? FleetNoOpBench.run(1000, 3, 5, 1) : FleetNoOpBench.run(10_000, 50, 50, 3);
        log.info("fleet with nothing to do measured");
        return new Cold(cli, start, network, memory, listing, fleet, fleetNoOp,
                dev.migrate.test.PeerTools.dbmate().map(dbmate ->
                version(List.of(dbmate.toString(), "--version"))).orElse("not installed"),
                dev.migrate.test.PeerTools.sqlMigrate().map(sqlMigrate -> version(List.of("dpkg-query", "-W",
                        "-f=${Version}", "sql-migrate"))).orElse("not installed"));
    }

    private static String version(List<String> command) {
        try {
            return PeerFolders.run(command).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("liquibase").setLevel(Level.WARNING);
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "100,1000,10000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int largeRounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory("migrate-bench");
        Map<Integer, Map<String, Cell>> results = new LinkedHashMap<>();
        String postgresVersion;
        try (TestDatabase probe = TestPostgres.createDatabase()) {
            postgresVersion = probe.value("SHOW server_version");
        }
        Cold cold = cold();
        warmUp(work, sizes);
        for (int n : sizes) {
            Path root = Files.createDirectories(work.resolve("n" + n));
            List<Tool> tools = tools(root, n);
            Map<String, Cell> cells = new LinkedHashMap<>();
            tools.forEach(tool -> cells.put(tool.name(), new Cell()));
            int roundsHere = n == Arrays.stream(sizes).max().orElse(n) && sizes.length > 1 ? largeRounds : rounds;
            for (int round = 0; round < roundsHere; round++) {
                for (int t = 0; t < tools.size(); t++) {
                    Tool tool = tools.get((t + round) % tools.size());
                    measure(tool, cells.get(tool.name()));
                }
                log.info("N={} round {}/{} done", n, round + 1, roundsHere);
            }
            results.put(n, cells);
        }
        StartupBench.Result startup = startup(work, 1000);
        Report report = new Report(cold, results, startup, postgresVersion);
        Path docs = QUICK ? Files.createDirectories(Path.of("bench/target/quick")) : Path.of("docs");
        report.write(docs.resolve("performance.md"), docs.resolve("performance.png"));
        log.info("wrote {} and {}", docs.resolve("performance.md"), docs.resolve("performance.png"));
        System.exit(0);
    }

    /**
     * One discarded round of every tool at each N up to 1,000, so that class loading and the JIT are not what
     * the first measured rounds show. (Larger N would only repeat the same code for longer.)
     */
    private static void warmUp(Path work, int[] sizes) throws Exception {
        for (int n : Arrays.stream(sizes).filter(n -> n <= 1000).toArray()) {
            Path root = Files.createDirectories(work.resolve("warm-up-" + n));
            for (Tool tool : tools(root, n)) {
                measure(tool, new Cell());
            }
            log.info("warm-up round at N={} done", n);
        }
    }

    /** Every tool, each with the same n migrations written below root in its own layout. */
    private static List<Tool> tools(Path root, int n) throws IOException {
        return List.of(new FloorTool(Workload.writeMigrate(root, n)), new MigrateTool(root.resolve("migrate")),
                new FlywayTool(Workload.writeFlyway(root, n)), new LiquibaseTool(Workload.writeLiquibase(root, n)));
    }

    private static void measure(Tool tool, Cell cell) throws Exception {
        try (TestDatabase db = TestPostgres.createDatabase()) {
            long started = System.nanoTime();
            tool.migrate(db.dataSource());
            cell.cold().add(System.nanoTime() - started);
            for (int run = 0; run < NOOP_RUNS; run++) {
                started = System.nanoTime();
                tool.migrate(db.dataSource());
                long took = System.nanoTime() - started;
                cell.noop().add(took);
                if (run == 0) {
                    cell.firstNoop().add(took);
                }
            }
        }
    }

    private static StartupBench.Result startup(Path work, int n) throws Exception {
        Path root = Files.createDirectories(work.resolve("startup"));
        Path migrateDir = Workload.writeMigrate(root, n);
        Path flywayDir = Workload.writeFlyway(root, n);
        try (TestDatabase migrateDb = TestPostgres.createDatabase(); TestDatabase flywayDb = TestPostgres.createDatabase()) {
            StartupBench.Result result = StartupBench.run(migrateDb, migrateDir, flywayDb, flywayDir, StartupBench.ROUNDS);
            log.info("Spring Boot startup measured");
            return result;
        }
    }

    static List<Integer> sizes(Map<Integer, ?> results) {
        return new ArrayList<>(results.keySet());
    }
}
