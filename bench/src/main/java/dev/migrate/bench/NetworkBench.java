package dev.migrate.bench;

import dev.migrate.test.PeerTools;
import dev.migrate.test.TcpRelay;
import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A database a network away: each tool applies N small migrations to a fresh database, then runs once more with
 * nothing to do, on loopback and through a relay that adds a round-trip delay (default 10 ms, 5 ms each way), as a
 * cloud database is a few to tens of milliseconds from its clients. Every tool is a cold process (migrate's CLI and
 * Flyway in a fresh JVM, dbmate and sql-migrate where installed), and the figures are medians of the rounds. Writes
 * {@code bench/target/network.md}. Run: {@code ./mvnw -q -pl bench exec:java -Dbench.main=dev.migrate.bench.NetworkBench
 * -Dexec.args="100 3 10"} (N, rounds, round trip in ms).
 */
public final class NetworkBench {

    /** One tool's two commands against one database: apply everything, then the same with nothing to do. */
    private interface Tool {
        List<String> up(String host, int port, TestDatabase db) throws Exception;
    }

    private NetworkBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Duration roundTrip = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 10);
        int peerRounds = args.length > 3 ? Integer.parseInt(args[3]) : rounds;
        run(n, rounds, peerRounds, roundTrip).writeAlone("network.md");
    }

    /**
     * migrate runs {@code rounds} rounds, each peer {@code peerRounds} (they take minutes at 1,000 through a delay).
     * Figures: {@code ratio} (migrate's apply through the delay / on loopback), {@code apply.roundTrips} and {@code
     * noop.roundTrips} (migrate's, counted by the relay).
     */
    static Section run(int n, int rounds, int peerRounds, Duration roundTrip) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Path work = Files.createTempDirectory("network-bench");
        String java = PeerFolders.java();
        String jar = root.resolve("migrate-cli/target/migrate.jar").toString();
        Path migrateDir = PeerFolders.migrate(work.resolve("migrate"), n);
        Path flywayDir = PeerFolders.flyway(work.resolve("flyway"), n);
        Map<String, Tool> tools = new LinkedHashMap<>();
        tools.put("migrate (CLI)", (host, port, db) -> List.of(java, "-jar", jar, "-path", migrateDir.toString(),
                "-database", "jdbc:postgresql://" + host + ":" + port + "/" + db.name() + "?user=" + db.user()
                        + (db.password() == null ? "" : "&password=" + db.password()), "up"));
        tools.put("Flyway (fresh JVM)", (host, port, db) -> PeerFolders.oneTool("flyway", flywayDir,
                "jdbc:postgresql://" + host + ":" + port + "/" + db.name(), db));
        PeerTools.dbmate().ifPresent(dbmate -> {
            Path dir = uncheck(() -> PeerFolders.dbmate(work.resolve("dbmate"), n));
            tools.put("dbmate", (host, port, db) -> List.of(dbmate.toString(), "--url",
                    PeerFolders.dbmateUrl(host, port, db), "--migrations-dir", dir.toString(), "--no-dump-schema", "up"));
        });
        PeerTools.sqlMigrate().ifPresent(sqlMigrate -> {
            Path dir = uncheck(() -> PeerFolders.sqlMigrate(work.resolve("sql-migrate"), n));
            tools.put("sql-migrate", (host, port, db) -> {
                Path config = PeerFolders.sqlMigrateConfig(Files.createTempFile(work, "dbconfig", ".yml"), host, port,
                        db, dir);
                return List.of(sqlMigrate.toString(), "up", "-config", config.toString(), "-env", "bench");
            });
        });

        Map<String, Samples[]> times = new LinkedHashMap<>();
        Map<String, long[]> roundTrips = new LinkedHashMap<>();
        tools.keySet().forEach(tool -> times.put(tool, new Samples[] {new Samples(), new Samples(), new Samples(),
                new Samples()}));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Tool> tool : tools.entrySet()) {
                if (round >= peerRounds && !tool.getKey().startsWith("migrate")) {
                    continue;
                }
                for (int delayed = 0; delayed < 2; delayed++) {
                    try (TestDatabase db = TestPostgres.createDatabase();
                         TcpRelay relay = TcpRelay.to(db, delayed == 0 ? Duration.ZERO : roundTrip.dividedBy(2))) {
                        relay.open();
                        List<String> up = tool.getValue().up("127.0.0.1", relay.port(), db);
                        long started = System.nanoTime();
                        PeerFolders.run(up);
                        times.get(tool.getKey())[delayed * 2].add(System.nanoTime() - started);
                        long applyTrips = relay.roundTrips();
                        started = System.nanoTime();
                        PeerFolders.run(up);
                        times.get(tool.getKey())[delayed * 2 + 1].add(System.nanoTime() - started);
                        roundTrips.put(tool.getKey(), new long[] {applyTrips, relay.roundTrips() - applyTrips});
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "| tool | rounds | apply, loopback (s) "
                + "| apply, +%d ms (s) | ratio | round trips | no-op, loopback (s) | no-op, +%d ms (s) | round trips |%n"
                + "|---|---|---|---|---|---|---|---|---|%n", roundTrip.toMillis(), roundTrip.toMillis()));
        Map<String, Double> figures = new LinkedHashMap<>();
        times.forEach((tool, samples) -> {
            long[] trips = roundTrips.getOrDefault(tool, new long[] {-1, -1});
            report.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.1fx | %d | %.2f | %.2f | %d |%n", tool,
                    samples[0].count(), samples[0].median(), samples[2].median(),
                    samples[2].median() / samples[0].median(), trips[0], samples[1].median(), samples[3].median(),
                    trips[1]));
            if (tool.startsWith("migrate")) {
                figures.put("ratio", samples[2].median() / samples[0].median());
                figures.put("apply.roundTrips", (double) trips[0]);
                figures.put("noop.roundTrips", (double) trips[1]);
            }
        });
        String notes = String.format(Locale.ROOT, "Each tool applies %,d small migrations to a fresh database, then "
                + "runs once more with nothing to do, on loopback and through a relay on loopback that adds %d ms "
                + "to every round trip (%d ms each way; part of the bench, so anyone can rerun it). Every run is a "
                + "cold process (migrate's CLI as `java -jar`, Flyway in a fresh JVM). Round trips are counted by "
                + "the relay from what the client sent (each simple query and each extended-protocol exchange), "
                + "start-up and authentication left out. Medians of the rounds given.%n%n", n, roundTrip.toMillis(),
                roundTrip.toMillis() / 2);
        return new Section("A database a network away", notes + report, figures);
    }

    private interface Io<T> {
        T get() throws Exception;
    }

    private static <T> T uncheck(Io<T> io) {
        try {
            return io.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
