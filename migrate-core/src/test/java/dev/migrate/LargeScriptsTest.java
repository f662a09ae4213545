package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A folder much larger than the heap: the engine must not hold every script's text at once. Twenty migrations
 * of 6 MB each (120 MB of text, twice that as bytes and strings) are applied, and then found applied, in a JVM
 * whose heap is 128 MB; holding them all, as a run once did, fails there with an OutOfMemoryError.
 */
@ExtendWith(PostgresExtension.class)
class LargeScriptsTest {

    private static final int FILES = 20;
    private static final int MEGABYTES = 6;

    @TempDir
    Path dir;

    /** Each way a layout reads a file: whole (golang-migrate), cut into sections (dbmate), substituted (Flyway). */
    @ParameterizedTest
    @ValueSource(strings = {"golang-migrate", "dbmate", "flyway"})
    void aFolderLargerThanTheHeapIsAppliedAndThenFoundApplied(String layout, TestDatabase db) throws Exception {
        for (int i = 1; i <= FILES; i++) {
            String text = LargeScript.text(i, MEGABYTES, i);
            switch (layout) {
                case "golang-migrate" -> Files.writeString(dir.resolve(String.format("%06d_load_%d.up.sql", i, i)), text);
                case "dbmate" -> Files.writeString(dir.resolve(String.format("2024010100%04d_load_%d.sql", i, i)),
                        "-- migrate:up\n" + text + "\n-- migrate:down\nDROP TABLE loaded_" + i + ";\n");
                default -> Files.writeString(dir.resolve("V" + i + "__load_" + i + ".sql"), text);
            }
        }

        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                Run.class.getName(), db.jdbcUrl(), db.user(), String.valueOf(db.password()), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("applied " + FILES + ", then up to date: true");
        assertThat(db.value("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'loaded_%'"))
                .isEqualTo(String.valueOf(FILES));
    }

    /** The forked JVM: one run up, and one more that finds nothing to do. */
    public static final class Run {
        public static void main(String[] args) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(args[0]);
            dataSource.setUser(args[1]);
            if (!args[2].equals("null")) {
                dataSource.setPassword(args[2]);
            }
            Migrator migrator = Migrator.builder(dataSource).locations(args[3]).build();
            List<AppliedMigration> applied = migrator.migrate().applied();
            System.out.println("applied " + applied.size() + ", then up to date: " + migrator.migrate().upToDate());
        }
    }
}
