package dev.migrate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the process benches share: the same small migrations in migrate's, dbmate's and sql-migrate's layouts, and
 * running a command that must succeed.
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

    /** Runs {@code argv}, failing with its output when it exits non-zero. */
    static void run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed:\n" + output);
        }
    }
}
