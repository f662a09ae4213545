package dev.migrate.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One start in a fresh JVM, for {@link ColdStartBench}, which times the whole process as a pod start or a Job is
 * timed:
 * <ul>
 *   <li>{@code tool NAME DIR URL USER PASSWORD}: one run of a tool (migrate, the raw-JDBC floor, Flyway,
 *       Liquibase);</li>
 *   <li>{@code spring SELECT1 ARGS...}: Spring Boot started with ARGS and closed; with {@code select1} the
 *       application opens one pooled connection and runs {@code SELECT 1} first, as a service's first query.</li>
 * </ul>
 */
public final class OneStart {

    private OneStart() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        if (args[0].equals("tool")) {
            // A service has its logging set up whatever migrates its schema: every tool pays the same for it.
            org.slf4j.LoggerFactory.getLogger(OneStart.class).debug("start");
            PGSimpleDataSource dataSource = JdbcMain.dataSource(args[3], args[4], args.length > 5 ? args[5] : "");
            Path dir = Path.of(args[2]);
            Tool tool = switch (args[1]) {
                case "migrate" -> new MigrateTool(dir);
                case "floor" -> new FloorTool(dir);
                case "flyway" -> new FlywayTool(dir);
                case "liquibase" -> new LiquibaseTool(dir);
                default -> throw new IllegalArgumentException("unknown tool " + args[1]);
            };
            tool.migrate(dataSource);
            // for MemoryBench: the most memory the process ever held (resident set), from the kernel
            java.nio.file.Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmHWM:")).forEach(System.out::println);
            return;
        }
        boolean select1 = args[1].equals("select1");
        String[] appArgs = Arrays.copyOfRange(args, 2, args.length);
        try (ConfigurableApplicationContext context = new SpringApplication(StartupBench.App.class).run(appArgs)) {
            if (select1) {
                try (Connection connection = context.getBean(DataSource.class).getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
            }
        }
    }
}
