package dev.migrate.bench;

import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the process benches share: the same small migrations in migrate's, dbmate's and sql-migrate's layouts, how
 * each tool is pointed at a database, the fresh JVM that runs {@link OneStart}, and running a command that must
 * succeed.
 */
final class PeerFolders {

    private PeerFolders() {
    }

    /** {@code count} files named by {@code name} (formatted with i twice), each holding {@code sql} for table t{i}. */
    static Path folder(Path dir, int count, String name, String sql) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= count; i++) {
            Files.writeString(dir.resolve(String.format(Locale.ROOT, name, i, i)), String.format(Locale.ROOT, sql, i, i));
        }
        return dir;
    }

    static Path migrate(Path dir, int count) throws IOException {
        return folder(dir, count, "%06d_t%d.up.sql", "CREATE TABLE t%d (id int);");
    }

    static Path dbmate(Path dir, int count) throws IOException {
        return folder(dir, count, "%06d_t%d.sql", "-- migrate:up\nCREATE TABLE t%d (id int);\n-- migrate:down\n");
    }

    static Path sqlMigrate(Path dir, int count) throws IOException {
        return folder(dir, count, "%06d_t%d.sql", "-- +migrate Up\nCREATE TABLE t%d (id int);\n");
    }

    static Path flyway(Path dir, int count) throws IOException {
        return folder(dir, count, "V%d__t%d.sql", "CREATE TABLE t%2$d (id int);");
    }

    /** Runs {@code argv} and returns what it printed, failing with that when it exits non-zero. */
    static String run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed:\n" + output);
        }
        return output;
    }

    /** This JVM's {@code java} launcher, for the processes a bench starts. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * {@code java -cp <the bench's runtime classpath> OneStart args...}: a fresh JVM (the classpath is the file
     * {@code package} writes to {@code bench/target/classpath.txt}).
     */
    static List<String> oneStart(String... args) throws IOException {
        return oneStart(List.of(), args);
    }

    /** One run of {@code tool} (migrate, floor, flyway, liquibase) over {@code dir} in a fresh JVM, at {@code url}. */
    static List<String> oneTool(String tool, Path dir, String url, TestDatabase db) throws IOException {
        return oneStart("tool", tool, dir.toString(), url, db.user(), db.password() == null ? "" : db.password());
    }

    /** As {@link #oneStart(String...)}, with {@code resources} on the classpath too, first. */
    static List<String> oneStart(List<Path> resources, String... args) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        StringBuilder classpath = new StringBuilder();
        resources.forEach(dir -> classpath.append(dir).append(':'));
        classpath.append(root.resolve("bench/target/classes")).append(':').append(String.join(":", dependencies()));
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classpath.toString(),
                OneStart.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** The bench's runtime dependencies, the jars {@code package} lists in {@code bench/target/classpath.txt}. */
    static List<String> dependencies() throws IOException {
        return List.of(Files.readString(Path.of("").toAbsolutePath().resolve("bench/target/classpath.txt")).strip()
                .split(":"));
    }

    /** dbmate's URL for {@code db} at {@code host:port} (the server's, or a relay's). */
    static String dbmateUrl(String host, int port, TestDatabase db) {
        return "postgres://" + db.user() + ":" + (db.password() == null ? "" : db.password()) + "@" + host + ":" + port
                + "/" + db.name() + "?sslmode=disable";
    }

    /** A sql-migrate configuration, environment {@code bench}, for {@code db} at {@code host:port}. */
    static Path sqlMigrateConfig(Path file, String host, int port, TestDatabase db, Path dir)
            throws IOException {
        return Files.writeString(file, "bench:\n  dialect: postgres\n  datasource: host=" + host + " port=" + port
                + " dbname=" + db.name() + " user=" + db.user() + (db.password() == null ? ""
                : " password=" + db.password()) + " sslmode=disable\n  dir: " + dir + "\n");
    }
}
