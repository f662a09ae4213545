package dev.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.MigrateResult;
import dev.migrate.MigrationFailedException;
import dev.migrate.Migrator;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(PostgresExtension.class)
class MigrateAutoConfigurationTests {

    @TempDir
    Path dir;

    private TestDatabase db;
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        this.runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, MigrateAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + (db.password() == null ? "" : db.password()));
    }

    @Test
    void backsOffWithoutDataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigrateAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(Migrator.class));
    }

    @Test
    void backsOffWithoutTheEngine() {
        runner.withClassLoader(new FilteredClassLoader(Migrator.class))
                .run(context -> assertThat(context).doesNotHaveBean(MigrateProperties.class));
    }

    @Test
    void providesAMigratorButRunsNothingByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Migrator.class).hasSingleBean(MigrationActivity.class)
                    .doesNotHaveBean(MigrateInitializer.class);
            assertThat(db.tableExists("schema_migrations")).isFalse();
            assertThat(context.getBean(Migrator.class).status().pending()).hasSize(2);
        });
    }

    @Test
    void runsMigrationsWhenRunMigrationsIsTrueInEitherSpelling() {
        runner.withPropertyValues("database.runMigrations=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(db.value("SELECT text FROM greetings")).isEqualTo("hello");
        });
        runner.withPropertyValues("database.run-migrations=true")
                .run(context -> assertThat(context.getBean(MigrationActivity.class).lastRun()).isPresent());
    }

    @Test
    void migratesBeforeBeansThatUseTheDatabase() {
        runner.withPropertyValues("database.run-migrations=true").withUserConfiguration(ReadersConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(TemplateReader.class).greeting).isEqualTo("hello");
                    assertThat(context.getBean(AnnotatedReader.class).rows).isEqualTo(1);
                });
    }

    @Test
    void failsStartupWhenAMigrationFails() throws Exception {
        Files.writeString(dir.resolve("1_broken.sql"), "CREATE TABLE ok (id int);\nCREATE TABLE broken (id nope);");
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.path=filesystem:" + dir)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(cause(context.getStartupFailure(), MigrationFailedException.class))
                            .hasMessageContaining("failed at line 2 of " + dir.resolve("1_broken.sql"));
                    assertThat(db.tableExists("ok")).isFalse();
                });
    }

    @Test
    void runsAFlywayFolderWithItsPlaceholdersFromProperties() throws Exception {
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE ${table} (id int);");
        Files.writeString(dir.resolve("V1.1__comment.sql"), "COMMENT ON TABLE ${table} IS '${flyway:filename}';");
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.path=filesystem:" + dir,
                "database.migrations.placeholders.table=accounts").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(db.value("SELECT obj_description('accounts'::regclass)")).isEqualTo("V1.1__comment.sql");
                });
    }

    @Test
    void passesCallbackBeansToTheMigratorAsBootPassesFlywaysCallbacks() throws Exception {
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id int);");
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.path=filesystem:" + dir)
                .withBean("grants", dev.migrate.Callback.class, () -> new dev.migrate.Callback() {
                    @Override
                    public boolean supports(Event event) {
                        return event == Event.AFTER_MIGRATE;
                    }

                    @Override
                    public void handle(Event event, Context context) throws java.sql.SQLException {
                        try (var statement = context.connection().createStatement()) {
                            statement.execute("COMMENT ON TABLE accounts IS 'after migrate'");
                        }
                    }
                }).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(db.value("SELECT obj_description('accounts'::regclass)")).isEqualTo("after migrate");
                });
    }

    @Test
    void runsJavaMigrationBeansInVersionOrderAmongTheFiles() throws Exception {
        Files.writeString(dir.resolve("V1__accounts.sql"), "CREATE TABLE accounts (id int);");
        Files.writeString(dir.resolve("V3__index.sql"), "CREATE INDEX accounts_id ON accounts (id);");
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.path=filesystem:" + dir)
                .withBean("seed", dev.migrate.JavaMigration.class, () -> new dev.migrate.JavaMigration() {
                    @Override
                    public void migrate(java.sql.Connection connection) throws java.sql.SQLException {
                        try (var statement = connection.createStatement()) {
                            statement.execute("INSERT INTO accounts VALUES (1), (2)");
                        }
                    }

                    @Override
                    public dev.migrate.Version version() {
                        return new dev.migrate.Version(2);
                    }

                    @Override
                    public String description() {
                        return "seed accounts";
                    }
                }).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(db.value("SELECT count(*) FROM accounts")).isEqualTo("2");
                    assertThat(db.column("SELECT description FROM schema_migrations ORDER BY version"))
                            .containsExactly("accounts", "seed accounts", "index");
                });
    }

    @Test
    void lintAtStartupWarnsOrRefusesBeforeAnythingRuns() throws Exception {
        Files.writeString(dir.resolve("1_accounts.up.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);");
        Files.writeString(dir.resolve("1_accounts.down.sql"), "DROP TABLE accounts;");
        Files.writeString(dir.resolve("2_index.up.sql"), "CREATE INDEX accounts_email ON accounts (email);");
        Files.writeString(dir.resolve("2_index.down.sql"), "DROP INDEX accounts_email;");
        ApplicationContextRunner lint = runner.withPropertyValues("database.run-migrations=true",
                "database.migrations.path=filesystem:" + dir);

        lint.withPropertyValues("database.migrations.lint=fail").run(context -> {
            assertThat(context).hasFailed();
            assertThat(cause(context.getStartupFailure(), dev.migrate.LintFailedException.class))
                    .hasMessageContaining("[index-not-concurrent]").hasMessageContaining("nothing was run");
            assertThat(db.tableExists("accounts")).isFalse();
        });
        lint.withPropertyValues("database.migrations.lint=warn").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(db.tableExists("accounts")).isTrue();
        });
    }

    @Test
    void lintAtStartupTriesThePendingMigrationsOnTheEmbeddedPostgresWhenAsked() throws Exception {
        Files.writeString(dir.resolve("1_accounts.up.sql"), "CREATE TABLE accounts (id bigint PRIMARY KEY, email text);");
        Files.writeString(dir.resolve("1_accounts.down.sql"), "DROP TABLE accounts;");
        Files.writeString(dir.resolve("2_email.up.sql"), "-- migrate:lint-ignore column-type-change reviewed\n"
                + "ALTER TABLE accounts ALTER COLUMN email TYPE varchar(200);");
        Files.writeString(dir.resolve("2_email.down.sql"), "SELECT 1;");

        runner.withPropertyValues("database.run-migrations=true", "database.migrations.path=filesystem:" + dir,
                "database.migrations.lint=fail", "database.migrations.lint-scratch=embedded").run(context -> {
                    // the static rule is suppressed; the scratch server still shows the table being rewritten
                    assertThat(context).hasFailed();
                    assertThat(cause(context.getStartupFailure(), dev.migrate.LintFailedException.class))
                            .hasMessageContaining("[server-rewrite] Rewrites accounts")
                            .hasMessageNotContaining("[column-type-change]");
                    assertThat(db.tableExists("accounts")).isFalse();
                });
    }

    @Test
    void startupWaitsForADatabaseThatComesUpAfterTheApplicationWhenAskedTo() throws Exception {
        try (dev.migrate.test.TcpRelay relay = dev.migrate.test.TcpRelay.to(db)) {
            ApplicationContextRunner late = runner.withPropertyValues("spring.datasource.url=" + relay.jdbcUrl(db),
                    "database.run-migrations=true");

            // Hikari's pool cannot start: without retries, startup fails at once
            late.run(context -> assertThat(context).hasFailed());

            CompletableFuture<Void> databaseUp = relay.openAfter(java.time.Duration.ofMillis(1_500));
            late.withPropertyValues("database.migrations.connect-retries=5",
                    "database.migrations.connect-retries-interval=1s").run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(db.tableExists("greetings")).isTrue();
                    });
            databaseUp.join();
        }
    }

    @Test
    void cleanIsRefusedUnlessEnabledAndThenResetsTheSchema() {
        runner.withPropertyValues("database.run-migrations=true").run(context -> {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> context.getBean(Migrator.class).clean()))
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("clean is disabled");
            assertThat(db.tableExists("greetings")).isTrue();
        });
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.clean-enabled=true")
                .run(context -> {
                    context.getBean(Migrator.class).clean();
                    assertThat(db.tableExists("greetings")).isFalse();
                });
    }

    @Test
    void failsStartupNamingAMissingLocation() {
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.path=classpath:db/nowhere")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageStartingWith("Migration location classpath:db/nowhere does not exist."));
    }

    @Test
    void stopsAtTheTargetVersion() {
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.target-version=1")
                .run(context -> {
                    assertThat(db.tableExists("greetings")).isTrue();
                    assertThat(db.value("SELECT count(*) FROM greetings")).isEqualTo("0");
                });
    }

    @Test
    void bindsEveryMigrationsProperty() throws Exception {
        Files.writeString(dir.resolve("1_one.sql"), "CREATE TABLE one (id int);");
        runner.withPropertyValues("database.run-migrations=true", "database.migrations.path=" + dir,
                        "database.migrations.table=history", "database.migrations.schema=ops",
                        "database.migrations.lock-timeout=2s", "database.migrations.out-of-order=true",
                        "database.migrations.validate-on-migrate=false", "database.migrations.layout=sqlx")
                .run(context -> assertThat(db.value("SELECT version FROM ops.history")).isEqualTo("1"));
    }

    @Test
    void usesAStrategyAndCustomizersWhenGiven() {
        runner.withPropertyValues("database.run-migrations=true").withUserConfiguration(StrategyConfiguration.class)
                .run(context -> {
                    assertThat(context.getBean(StrategyConfiguration.class).called).isTrue();
                    assertThat(db.tableExists("greetings")).isFalse();
                    assertThat(context.getBean(Migrator.class).status().migrations()).isEmpty();
                });
    }

    @Test
    void backsOffForAUserMigrator() {
        runner.withBean(Migrator.class, () -> Migrator.builder(db.dataSource()).locations("classpath:db/migrations")
                        .table("mine").build())
                .withPropertyValues("database.run-migrations=true")
                .run(context -> assertThat(db.tableExists("mine")).isTrue());
    }

    @Test
    void migratesWithADedicatedUserWhenConfigured() {
        String role = "ddl_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'ddl-secret'; GRANT CREATE, USAGE ON SCHEMA public TO " + role);
        try {
            runner.withPropertyValues("database.run-migrations=true", "database.migrations.url=" + db.jdbcUrl(),
                            "database.migrations.username=" + role, "database.migrations.password=ddl-secret")
                    .run(context -> assertThat(db.value("SELECT tableowner FROM pg_tables WHERE tablename = 'greetings'"))
                            .isEqualTo(role));
        } finally {
            db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    @Test
    void twoInstancesStartingTogetherBothStartAndMigrateOnce() {
        ApplicationContextRunner instance = runner.withPropertyValues("database.run-migrations=true");
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> instance.run(c -> assertThat(c).hasNotFailed()));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> instance.run(c -> assertThat(c).hasNotFailed()));

        CompletableFuture.allOf(first, second).join();

        assertThat(db.value("SELECT count(*) FROM greetings")).isEqualTo("1");
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("2");
    }

    @Test
    void everyPropertyDefaultIsTheEnginesDefault() {
        MigrateProperties.Migrations defaults = new MigrateProperties().getMigrations();

        assertThat(defaults.getPath()).containsExactly(Migrator.DEFAULT_LOCATION);
        assertThat(defaults.getTable()).isEqualTo(Migrator.DEFAULT_TABLE);
        assertThat(defaults.getLockTimeout()).isEqualTo(Migrator.DEFAULT_LOCK_TIMEOUT);
        assertThat(defaults.isOutOfOrder()).isEqualTo(Migrator.DEFAULT_OUT_OF_ORDER);
        assertThat(defaults.isValidateOnMigrate()).isEqualTo(Migrator.DEFAULT_VALIDATE_ON_MIGRATE);
        assertThat(defaults.isAllowDatabaseAhead()).isEqualTo(Migrator.DEFAULT_ALLOW_DATABASE_AHEAD);
        assertThat(defaults.getStatementLockTimeout()).isEqualTo(Migrator.DEFAULT_STATEMENT_LOCK_TIMEOUT);
        assertThat(defaults.getReplyTimeout()).isEqualTo(Migrator.DEFAULT_REPLY_TIMEOUT);
        assertThat(defaults.getLockRetries()).isEqualTo(Migrator.DEFAULT_LOCK_RETRIES);
        assertThat(defaults.getStatementTimeout()).isNull();
        assertThat(defaults.getConnectRetries()).isEqualTo(Migrator.DEFAULT_CONNECT_RETRIES);
        assertThat(defaults.isCleanEnabled()).isEqualTo(Migrator.DEFAULT_CLEAN_ENABLED);
        assertThat(defaults.getConnectRetriesInterval()).isEqualTo(Migrator.DEFAULT_CONNECT_RETRIES_INTERVAL);
        assertThat(defaults.getSchema()).isNull();
        assertThat(new MigrateProperties().isRunMigrations()).isFalse();
    }

    /** The first exception of that type in the chain. */
    static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class ReadersConfiguration {

        @Bean
        TemplateReader templateReader(JdbcTemplate jdbc) {
            return new TemplateReader(jdbc);
        }

        @Bean
        @DependsOnDatabaseInitialization
        AnnotatedReader annotatedReader(DataSource dataSource) {
            return new AnnotatedReader(dataSource);
        }
    }

    /** Reads a migrated table in its constructor, as a cache warmed at startup would. */
    static final class TemplateReader {
        final String greeting;

        TemplateReader(JdbcTemplate jdbc) {
            this.greeting = jdbc.queryForObject("SELECT text FROM greetings WHERE id = 1", String.class);
        }
    }

    /** Uses the DataSource directly, ordered by the annotation alone. */
    static final class AnnotatedReader {
        final int rows;

        AnnotatedReader(DataSource dataSource) {
            this.rows = new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM greetings", Integer.class);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class StrategyConfiguration {
        boolean called;

        @Bean
        MigrationStrategy validateOnly() {
            return migrator -> {
                called = true;
                migrator.validate();
                return (MigrateResult) null;
            };
        }

        @Bean
        MigratorCustomizer emptySource() {
            return builder -> builder.source(new dev.migrate.spi.MigrationSource() {
                @Override
                public java.util.List<dev.migrate.Migration> load() {
                    return java.util.List.of();
                }

                @Override
                public String description() {
                    return "nothing";
                }
            });
        }
    }
}
