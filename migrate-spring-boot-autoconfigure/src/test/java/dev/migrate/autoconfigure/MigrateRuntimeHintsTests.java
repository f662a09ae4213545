package dev.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.core.env.MapPropertySource;
import org.springframework.javapoet.ClassName;

/** What an ahead-of-time build keeps for migrate: the migration files of the default and configured locations. */
class MigrateRuntimeHintsTests {

    @Test
    void keepsTheFilesOfTheDefaultLocationAndTheEmbeddedServerLintStarts() {
        RuntimeHints hints = new RuntimeHints();
        new MigrateRuntimeHints().registerHints(hints, getClass().getClassLoader());

        assertThat(RuntimeHintsPredicates.resource().forResource("db/migrations/1_create_greetings.up.sql"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("db/other/1_x.sql")).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class)).accepts(hints);
    }

    @Test
    void keepsTheFilesOfTheConfiguredClasspathLocations() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", java.util.Map.of(
                "database.migrations.path", "classpath:db/orders, filesystem:/srv/migrations")));
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerSingleton("environment", environment);
        DefaultGenerationContext context = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("com.example", "App")), new InMemoryGeneratedFiles());

        new MigrationLocationsAotProcessor().processAheadOfTime(beanFactory).applyTo(context, null);

        assertThat(RuntimeHintsPredicates.resource().forResource("db/orders/V1__init.sql"))
                .accepts(context.getRuntimeHints());
    }
}
