package dev.migrate.bench;

import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Peak memory, as the kernel counts it (the process's highest resident set, VmHWM), of a fresh JVM applying
 * (a) N migrations, (b) one data-load file of about M megabytes and (c) ten data-load files of M/5 megabytes,
 * migrate beside Flyway, with the JVM's default heap settings as users run it. Writes
 * {@code bench/target/memory.md}. Run: {@code ./mvnw -q -pl bench exec:java
 * -Dbench.main=dev.migrate.bench.MemoryBench -Dexec.args="10000 50"}.
 */
public final class MemoryBench {

    private MemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        run(n, megabytes).writeAlone("memory.md");
    }

    /**
     * Figures, in MB: {@code migrate.many}, {@code flyway.many} (N migrations), {@code migrate.big},
     * {@code flyway.big} (one file), {@code migrate.loads}, {@code flyway.loads} (ten files of a fifth of its size).
     */
    static Section run(int n, int megabytes) throws Exception {
        Map<String, Double> figures = new LinkedHashMap<>();
        Path work = Files.createTempDirectory("memory-bench");
        Map<String, Path> migrateDirs = new LinkedHashMap<>();
        Map<String, Path> flywayDirs = new LinkedHashMap<>();
        migrateDirs.put(n + " migrations", Workload.writeMigrate(work.resolve("many"), n));
        flywayDirs.put(n + " migrations", Workload.writeFlyway(work.resolve("many"), n));
        Path bigMigrate = Files.createDirectories(work.resolve("big/migrate"));
        Path bigFlyway = Files.createDirectories(work.resolve("big/flyway"));
        dataLoad(bigMigrate.resolve("000001_load.up.sql"), megabytes, "load");
        Files.copy(bigMigrate.resolve("000001_load.up.sql"), bigFlyway.resolve("V1__load.sql"));
        migrateDirs.put("one " + megabytes + " MB data-load file", bigMigrate);
        flywayDirs.put("one " + megabytes + " MB data-load file", bigFlyway);
        // Many large files: a run that held every script's text would need all of them at once.
        Path loadsMigrate = Files.createDirectories(work.resolve("loads/migrate"));
        Path loadsFlyway = Files.createDirectories(work.resolve("loads/flyway"));
        int files = 10;
        int each = Math.max(1, megabytes / 5);
        for (int i = 1; i <= files; i++) {
            Path file = loadsMigrate.resolve(String.format(Locale.ROOT, "%06d_load_%d.up.sql", i, i));
            dataLoad(file, each, "load_" + i);
            Files.copy(file, loadsFlyway.resolve("V" + i + "__load_" + i + ".sql"));
        }
        String loads = files + " data-load files of " + each + " MB";
        migrateDirs.put(loads, loadsMigrate);
        flywayDirs.put(loads, loadsFlyway);

        StringBuilder report = new StringBuilder("| workload | migrate peak RSS (MB) | Flyway peak RSS (MB) |\n"
                + "|---|---|---|\n");
        for (String workload : migrateDirs.keySet()) {
            long migrate = peak("migrate", migrateDirs.get(workload));
            long flyway = peak("flyway", flywayDirs.get(workload));
            report.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", workload, migrate / 1024, flyway / 1024));
            String key = workload.endsWith("migrations") ? "many" : workload.startsWith("one ") ? "big" : "loads";
            figures.put("migrate." + key, migrate / 1024.0);
            figures.put("flyway." + key, flyway / 1024.0);
        }
        String notes = "The highest resident set of a fresh JVM (the kernel's VmHWM) applying each workload to a "
                + "fresh database, with the JVM's default heap settings, as users run it.\n\n";
        return new Section("Memory", notes + report, figures);
    }

    /** INSERT statements of 1,000 rows each into {@code table}, until the file holds about {@code megabytes}. */
    private static void dataLoad(Path file, int megabytes, String table) throws IOException {
        long target = megabytes * 1024L * 1024L;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("CREATE TABLE " + table + " (id bigint PRIMARY KEY, payload text NOT NULL);\n");
            for (int row = 0; written < target; ) {
                StringBuilder statement = new StringBuilder("INSERT INTO " + table + " (id, payload) VALUES ");
                for (int i = 0; i < 1_000; i++, row++) {
                    statement.append(i == 0 ? "" : ", ").append('(').append(row).append(", 'row ").append(row)
                            .append(" of the data load, long enough to weigh something')");
                }
                statement.append(";\n");
                out.write(statement.toString());
                written += statement.length();
            }
        }
    }

    private static long peak(String tool, Path dir) throws Exception {
        try (TestDatabase db = TestPostgres.createDatabase()) {
            String output = PeerFolders.run(PeerFolders.oneTool(tool, dir, db.jdbcUrl(), db));
            return output.lines().filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no VmHWM in:\n" + output));
        }
    }
}
