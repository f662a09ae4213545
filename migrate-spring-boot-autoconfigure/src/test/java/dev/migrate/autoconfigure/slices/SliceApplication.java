package dev.migrate.autoconfigure.slices;

import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The application the slice tests find, as a service's {@code @SpringBootApplication}; its migrations are in
 * {@code db/slice-migrations}, and each slice test gets a fresh real database.
 */
@SpringBootApplication
public class SliceApplication {

    /** The properties a service keeps in its application.yaml, with a database of the test's own. */
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase db = TestPostgres.createDatabase();
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", () -> db.password() == null ? "" : db.password());
        registry.add("database.run-migrations", () -> "true");
        registry.add("database.migrations.path", () -> "classpath:db/slice-migrations");
        // Flyway and Liquibase are on this module's test classpath for FlywaySwitchTests and LiquibaseSwitchTests; a
        // service that switched has removed them.
        registry.add("spring.flyway.enabled", () -> "false");
        registry.add("spring.liquibase.enabled", () -> "false");
    }
}
