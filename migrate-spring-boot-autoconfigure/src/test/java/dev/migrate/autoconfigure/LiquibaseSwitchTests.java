package dev.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.MigrationState;
import dev.migrate.Migrator;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A service that ran on Spring Boot's Liquibase support (Liquibase 4.33.0) switches to migrate's starter as
 * docs/moving-from.md says: Liquibase's auto-configuration goes (the dependency swap), spring.liquibase.change-log
 * becomes database.migrations.path and spring.liquibase.contexts database.migrations.contexts. Nothing runs again;
 * the next release's new changeset runs, recorded in databasechangelog where Liquibase would find it. A service on
 * Boot's default YAML master changelog switches with the path of its folder alone.
 */
@ExtendWith(PostgresExtension.class)
class LiquibaseSwitchTests {

    private static ApplicationContextRunner service(TestDatabase db) {
        return new ApplicationContextRunner().withPropertyValues("spring.datasource.url=" + db.jdbcUrl(),
                "spring.datasource.username=" + db.user(),
                "spring.datasource.password=" + (db.password() == null ? "" : db.password()));
    }

    @Test
    void aServiceOnSpringBootsLiquibaseStartsOnMigrateWithTheSameChangelogAndHistory(TestDatabase db) {
        service(db).withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        LiquibaseAutoConfiguration.class))
                .withPropertyValues("spring.liquibase.change-log=classpath:db/liquibase-service/db.changelog-master.sql",
                        "spring.liquibase.contexts=prod")
                .run(context -> assertThat(context).hasNotFailed());
        List<String> ran = history(db);
        assertThat(ran).hasSize(2);

        service(db).withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        MigrateAutoConfiguration.class))
                .withPropertyValues("database.run-migrations=true",
                        "database.migrations.path=classpath:db/liquibase-service",
                        "database.migrations.contexts=prod")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Migrator.class).status().migrations()).extracting(m -> m.state())
                            .containsOnly(MigrationState.APPLIED);
                });
        assertThat(history(db)).isEqualTo(ran);
        assertThat(db.value("SELECT count(*) FROM invoices")).isEqualTo("0");

        service(db).withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        MigrateAutoConfiguration.class))
                .withPropertyValues("database.run-migrations=true",
                        "database.migrations.path=classpath:db/liquibase-service-next/db.changelog-master.sql",
                        "database.migrations.contexts=prod")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(history(db)).hasSize(3).startsWith(ran.toArray(String[]::new));
        assertThat(db.value("SELECT filename || '::' || id || '::' || author FROM databasechangelog WHERE "
                + "orderexecuted = 3")).isEqualTo("db/changelog/db.changelog-master.sql::4::billing");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'invoices' AND "
                + "column_name = 'paid'")).isEqualTo("1");
    }

    @Test
    void aServiceOnBootsDefaultYamlChangelogSwitchesWithThePathAlone(TestDatabase db) {
        service(db).withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        LiquibaseAutoConfiguration.class))
                .withPropertyValues("spring.liquibase.contexts=dev")
                .run(context -> assertThat(context).hasNotFailed());
        List<String> ran = history(db);
        assertThat(ran).hasSize(2);

        service(db).withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        MigrateAutoConfiguration.class))
                .withPropertyValues("database.run-migrations=true", "database.migrations.path=classpath:db/changelog",
                        "database.migrations.contexts=dev")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Migrator.class).status().migrations()).extracting(m -> m.state())
                            .containsOnly(MigrationState.APPLIED);
                });
        assertThat(history(db)).isEqualTo(ran);
        assertThat(db.value("SELECT count(*) FROM customers")).isEqualTo("1");
    }

    private static List<String> history(TestDatabase db) {
        return db.column("SELECT id || ' ' || exectype || ' ' || md5sum || ' ' || dateexecuted FROM databasechangelog "
                + "ORDER BY orderexecuted");
    }
}
