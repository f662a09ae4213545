package dev.migrate.bench;

import dev.migrate.Migrator;
import dev.migrate.fleet.Fleet;
import dev.migrate.fleet.FleetResult;
import dev.migrate.fleet.Target;
import dev.migrate.fleet.TargetSelection;
import dev.migrate.fleet.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One fleet run in a fresh JVM, for {@link FleetBench}: {@code fleet|loop|flyway DIR URL USER PASSWORD SCHEMAS}
 * migrates the schemas named by the comma-separated LIKE pattern SCHEMAS with {@code fleet up} at its defaults,
 * with the engine looping over them one by one, or with one {@code Flyway} per schema (Flyway's documented way),
 * then prints the process's peak resident set (its wall time is the parent's to take, from {@code java} to exit).
 */
public final class FleetStart {

    private FleetStart() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        String mode = args[0];
        Path dir = Path.of(args[1]);
        DataSource dataSource = JdbcMain.dataSource(args[2], args[3], args[4]);
        String pattern = args[5];
        switch (mode) {
            case "fleet" -> {
                FleetResult result = Fleet.builder(dataSource).targets(TargetSelection.of(Target.Kind.SCHEMA, pattern))
                        .migrator(ds -> Migrator.builder(ds).locations("filesystem:" + dir)).build().up();
                if (!result.succeeded()) {
                    throw new IllegalStateException("the fleet failed: " + result.failedElsewhere());
                }
            }
            case "loop" -> {
                for (String schema : schemas(dataSource, pattern)) {
                    Migrator.builder(dataSource).locations("filesystem:" + dir).schema(schema).searchPath(schema)
                            .build().migrate();
                }
            }
            case "flyway" -> {
                for (String schema : schemas(dataSource, pattern)) {
                    Flyway.configure().dataSource(dataSource).locations("filesystem:" + dir).schemas(schema)
                            .defaultSchema(schema).load().migrate();
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
                .forEach(System.out::println);
    }

    /** The schemas the loops go over, in the order the fleet lists them. */
    private static List<String> schemas(DataSource dataSource, String pattern) {
        return Targets.find(dataSource, TargetSelection.of(Target.Kind.SCHEMA, pattern)).stream().map(Target::name)
                .toList();
    }
}
