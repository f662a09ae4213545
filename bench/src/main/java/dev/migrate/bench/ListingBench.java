package dev.migrate.bench;

import dev.migrate.MigrationListing;
import dev.migrate.Migrator;
import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * A no-op against T targets (schemas of one database, each migrated to the same N migrations), one after the other:
 * T fresh {@code Migrator}s, each listing and hashing the folder again, beside one {@link MigrationListing} shared by
 * T runs. The first round of each, in this JVM, is reported apart from the median of the rounds after it.
 * Writes {@code bench/target/listing.md}. Run: {@code ./mvnw -q -pl bench exec:java
 * -Dbench.main=dev.migrate.bench.ListingBench -Dexec.args="100 200 7"}.
 */
public final class ListingBench {

    private ListingBench() {
    }

    public static void main(String[] args) throws Exception {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        run(targets, n, rounds).writeAlone("listing.md");
    }

    static Section run(int targets, int n, int rounds) throws Exception {
        Path dir = Workload.writeMigrate(Files.createTempDirectory("listing-bench"), n);
        String location = "filesystem:" + dir;
        List<String> schemas = IntStream.rangeClosed(1, targets).mapToObj(i -> "tenant_" + i).toList();
        try (TestDatabase db = TestPostgres.createDatabase()) {
            schemas.forEach(schema -> db.execute("CREATE SCHEMA " + schema));
            try (MigrationListing listing = Migrator.builder(db.dataSource()).locations(location).build().list()) {
                for (String schema : schemas) {
                    target(db.dataSource(), schema).listing(listing).build().migrate();
                }
            }
            Result unpooled = measure(db.dataSource(), location, schemas, rounds);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.jdbcUrl());
            config.setUsername(db.user());
            config.setPassword(db.password());
            config.setMaximumPoolSize(4);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                Result pooled = measure(pool, location, schemas, rounds);
                return section(targets, n, rounds, unpooled, pooled);
            }
        }
    }

    /** The first round of each configuration, and the median of the rounds after it. */
    private record Result(double firstFresh, double firstShared, Samples fresh, Samples shared) {
    }

    private static Result measure(DataSource dataSource, String location, List<String> schemas, int rounds) {
        Samples fresh = new Samples();
        Samples shared = new Samples();
        double[] first = new double[2];
        for (int round = 0; round <= rounds; round++) {
            long start = System.nanoTime();
            for (String schema : schemas) {
                target(dataSource, schema).locations(location).build().migrate();
            }
            long freshNanos = System.nanoTime() - start;
            start = System.nanoTime();
            try (MigrationListing listing = Migrator.builder(dataSource).locations(location).build().list()) {
                for (String schema : schemas) {
                    target(dataSource, schema).listing(listing).build().migrate();
                }
            }
            long sharedNanos = System.nanoTime() - start;
            if (round == 0) {
                first[0] = freshNanos / 1e9;
                first[1] = sharedNanos / 1e9;
            } else {
                fresh.add(freshNanos);
                shared.add(sharedNanos);
            }
        }
        return new Result(first[0], first[1], fresh, shared);
    }

    /** A target as a fleet points at it: its schema first on the search_path, its history table there. */
    private static dev.migrate.MigratorBuilder target(DataSource dataSource, String schema) {
        return Migrator.builder(dataSource).schema(schema).initSql(List.of("SET search_path TO " + schema));
    }

    private static Section section(int targets, int n, int rounds, Result unpooled, Result pooled) {
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("ratio", unpooled.fresh().median() / unpooled.shared().median());
        figures.put("ratio.pooled", pooled.fresh().median() / pooled.shared().median());
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "| %d targets x %d migrations, nothing "
                + "to do | connections | first round (s) | median of %d (s) | per target (ms) | fresh / shared |%n"
                + "|---|---|---|---|---|---|%n", targets, n, rounds));
        row(table, targets, "a new connection per run", unpooled);
        row(table, targets, "a pool of 4 (HikariCP)", pooled);
        String notes = "A no-op against each of " + targets + " schemas of one database, each migrated to the same "
                + n + " migrations, one target after the other, in one JVM: the first round apart (a fresh JVM's "
                + "class loading and JIT included), then the median of " + rounds + " rounds, configurations taking "
                + "turns. Each run connects, reads its target's history and compares checksums; a fresh `Migrator` "
                + "also lists and hashes the folder again, where the shared listing does it once per round, inside "
                + "its timing.\n\n";
        return new Section("Many targets, one listing", notes + table, figures);
    }

    private static void row(StringBuilder table, int targets, String connections, Result result) {
        double fresh = result.fresh().median();
        double shared = result.shared().median();
        table.append(String.format(Locale.ROOT, "| %d fresh `Migrator`s | %s | %.3f | %.3f | %.1f | |%n", targets,
                connections, result.firstFresh(), fresh, fresh * 1000 / targets));
        table.append(String.format(Locale.ROOT, "| one shared listing + %d runs | %s | %.3f | %.3f | %.1f | %.2fx |%n",
                targets, connections, result.firstShared(), shared, shared * 1000 / targets, fresh / shared));
    }
}
