package dev.migrate.bench;

import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Spring Boot startup with N migrations already applied: the same application with migrate's startup
 * migrations on and off, and with Spring Boot's Flyway support on and off, each against a database that tool
 * migrated. The overhead a tool adds is its median "on" minus its median "off".
 */
final class StartupBench {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        /**
         * With {@code bench.floor-dir} set, the raw-JDBC floor's no-op runs while the context starts, as a tool's
         * startup migrations do: what any correct tool pays at startup, next to what migrate pays.
         */
        @Bean
        @ConditionalOnProperty("bench.floor-dir")
        InitializingBean floorAtStartup(DataSource dataSource, @Value("${bench.floor-dir}") Path dir) {
            return () -> new FloorTool(dir).migrate(dataSource);
        }
    }

    record Result(Samples migrateOn, Samples migrateOff, Samples flywayOn, Samples flywayOff) {
        double migrateOverhead() {
            return migrateOn.median() - migrateOff.median();
        }

        double flywayOverhead() {
            return flywayOn.median() - flywayOff.median();
        }
    }

    /** Starts before measuring, so that class loading and the JIT settle for all four configurations. */
    static final int WARM_UP_ROUNDS = 3;

    /** Starts measured per configuration: an overhead is the difference of two medians, so it needs many. */
    static final int ROUNDS = 15;

    private StartupBench() {
    }

    static Result run(TestDatabase migrateDb, Path migrateDir, TestDatabase flywayDb, Path flywayDir, int rounds) {
        List<String> migrateOn = properties(migrateDb, "database.run-migrations=true",
                "database.migrations.path=filesystem:" + migrateDir, "spring.flyway.enabled=false");
        List<String> migrateOff = properties(migrateDb, "database.run-migrations=false", "spring.flyway.enabled=false");
        List<String> flywayOn = properties(flywayDb, "database.run-migrations=false", "spring.flyway.enabled=true",
                "spring.flyway.locations=filesystem:" + flywayDir);
        List<String> flywayOff = properties(flywayDb, "database.run-migrations=false", "spring.flyway.enabled=false");
        List<List<String>> starts = List.of(migrateOn, flywayOn, migrateOff, flywayOff);
        for (int warmUp = 0; warmUp < WARM_UP_ROUNDS; warmUp++) {
            starts.forEach(StartupBench::time);
        }
        Result result = new Result(new Samples(), new Samples(), new Samples(), new Samples());
        List<Samples> samples = List.of(result.migrateOn(), result.flywayOn(), result.migrateOff(), result.flywayOff());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < starts.size(); i++) {
                int which = (i + round) % starts.size();
                samples.get(which).add(time(starts.get(which)));
            }
        }
        return result;
    }

    private static List<String> properties(TestDatabase db, String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(), "--spring.main.web-application-type=none",
                "--spring.main.banner-mode=off", "--spring.main.log-startup-info=false",
                "--spring.jmx.enabled=false", "--spring.liquibase.enabled=false"));
        if (db.password() != null) {
            args.add("--spring.datasource.password=" + db.password());
        }
        for (String property : extra) {
            args.add("--" + property);
        }
        return args;
    }

    /** From SpringApplication.run to a ready context, which then closes. */
    private static long time(List<String> args) {
        long started = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplication(App.class).run(args.toArray(String[]::new))) {
            return System.nanoTime() - started;
        }
    }
}
