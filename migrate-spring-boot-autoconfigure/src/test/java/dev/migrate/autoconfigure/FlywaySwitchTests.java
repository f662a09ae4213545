package dev.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.MigrationState;
import dev.migrate.Migrator;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A service that ran on Spring Boot's Flyway support switches to migrate's starter as docs/moving-from.md says:
 * Flyway's auto-configuration goes (the dependency swap), two properties change, the folder stays. The schema and
 * the history carry on: nothing runs again, and Flyway's afterMigrate callback still runs at each start.
 */
@ExtendWith(PostgresExtension.class)
class FlywaySwitchTests {

    private static ApplicationContextRunner service(TestDatabase db) {
        return new ApplicationContextRunner().withPropertyValues("spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.username=" + db.user(),
                "spring.datasource.password=" + (db.password() == null ? "" : db.password()));
    }

    @Test
    void aServiceOnSpringBootsFlywayStartsOnMigrateWithTheSameFolderAndHistory(TestDatabase db) {
        service(db).withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        FlywayAutoConfiguration.class))
                .withPropertyValues("spring.flyway.locations=classpath:db/flyway-service",
                        "spring.flyway.placeholders.owner=billing")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.value("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo("4");

        service(db).withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        MigrateAutoConfiguration.class))
                .withPropertyValues("database.run-migrations=true", "database.migrations.path=classpath:db/flyway-service",
                        "database.migrations.placeholders.owner=billing")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Migrator.class).status().migrations()).extracting(m -> m.state())
                            .containsOnly(MigrationState.APPLIED);
                    assertThat(context.getBean(Migrator.class).status().repeatables()).extracting(r -> r.state())
                            .containsOnly(MigrationState.APPLIED);
                });

        assertThat(db.value("SELECT count(*) FROM accounts")).isEqualTo("1");
        assertThat(db.column("SELECT version || ':' || adopted_from FROM schema_migrations ORDER BY applied_at, version"))
                .containsExactly("1:flyway", "1.1:flyway", "2:flyway");
        assertThat(db.value("SELECT count(*) FROM starts")).isEqualTo("2");
    }
}
