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
 * One fleet run in a fresh JVM, for {@link FleetBench}: {@code fleet|loop|flyway DIR URL USER PASSWORD PATTERN
 * [schemas|databases]} migrates the schemas (or the databases of URL's server) named by the comma-separated LIKE
 * pattern PATTERN with {@code fleet up} at its defaults,
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
        Target.Kind kind = args.length > 6 && args[6].equals("databases") ? Target.Kind.DATABASE
                : Target.Kind.SCHEMA;
        switch (mode) {
            case "fleet" -> {
                FleetResult result = Fleet.builder(dataSource).targets(TargetSelection.of(kind, pattern))
                        .databases(target -> database(args, target.name()))
                        .migrator(ds -> Migrator.builder(ds).locations("filesystem:" + dir)).build().up();
                if (!result.succeeded()) {
                    throw new IllegalStateException("the fleet failed: " + result.failedElsewhere());
                }
            }
            case "loop" -> {
                for (String target : targets(dataSource, kind, pattern)) {
                    migrator(kind, dataSource, args, target).locations("filesystem:" + dir).build().migrate();
                }
            }
            case "flyway" -> {
                for (String target : targets(dataSource, kind, pattern)) {
                    if (kind == Target.Kind.SCHEMA) {
                        Flyway.configure().dataSource(dataSource).locations("filesystem:" + dir).schemas(target)
                                .defaultSchema(target).load().migrate();
                    } else {
                        Flyway.configure().dataSource(database(args, target)).locations("filesystem:" + dir).load()
                                .migrate();
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
                .forEach(System.out::println);
    }

    /** The schemas or databases the loops go over, in the order the fleet lists them. */
    private static List<String> targets(DataSource dataSource, Target.Kind kind, String pattern) {
        return Targets.find(dataSource, TargetSelection.of(kind, pattern)).stream().map(Target::name).toList();
    }

    /** The engine for one target: a schema as the fleet runs it, or a database of the control one's server. */
    private static dev.migrate.MigratorBuilder migrator(Target.Kind kind, DataSource control, String[] args,
            String target) {
        return kind == Target.Kind.SCHEMA ? Migrator.builder(control).schema(target).searchPath(target)
                : Migrator.builder(database(args, target));
    }

    private static DataSource database(String[] args, String name) {
        org.postgresql.ds.PGSimpleDataSource dataSource = JdbcMain.dataSource(args[2], args[3], args[4]);
        dataSource.setDatabaseName(name);
        return dataSource;
    }
}
