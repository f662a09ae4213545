package dev.migrate.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.autoconfigure.MigrateAutoConfiguration;
import dev.migrate.autoconfigure.MigrateObservationAutoConfiguration;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Observations of startup migrations, as a tracer or a meter handler receives them. */
@ExtendWith(PostgresExtension.class)
class ObservationTests {

    /** What a handler saw when an observation stopped: its name, parent, tags, and error. */
    record Seen(String name, String contextualName, String parent, Map<String, String> tags, Throwable error) {
    }

    /** A handler as a tracing bridge is one: it hears every observation stop. */
    static final class Recorder implements ObservationHandler<Observation.Context> {

        final List<Seen> stopped = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(Observation.Context context) {
            Map<String, String> tags = new TreeMap<>();
            for (KeyValue tag : context.getLowCardinalityKeyValues()) {
                tags.put(tag.getKey(), tag.getValue());
            }
            stopped.add(new Seen(context.getName(), context.getContextualName(),
                    context.getParentObservation() == null ? null
                            : context.getParentObservation().getContextView().getName(),
                    tags, context.getError()));
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }

    @TempDir
    Path dir;

    private final Recorder recorder = new Recorder();
    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp(TestDatabase db) {
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        ObservationAutoConfiguration.class, MigrateObservationAutoConfiguration.class,
                        MigrateAutoConfiguration.class))
                .withBean(Recorder.class, () -> recorder)
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + (db.password() == null ? "" : db.password()),
                        "database.run-migrations=true");
    }

    @Test
    void theRunAndEachMigrationInItAreObserved() {
        runner.run(context -> {
            List<Seen> seen = recorder.stopped;

            assertThat(seen).extracting(Seen::name, Seen::contextualName, Seen::parent).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("db.migration", "migration 1 up", "db.migrations.run"),
                    org.assertj.core.groups.Tuple.tuple("db.migration", "migration 2 up", "db.migrations.run"),
                    org.assertj.core.groups.Tuple.tuple("db.migrations.run", "migrate up", null));
            assertThat(seen.get(0).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("version", "1",
                    "description", "create_greetings", "direction", "up", "outcome", "success"));
            assertThat(seen.get(2).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("change", "up",
                    "outcome", "success"));
        });
    }

    @Test
    void aFailedMigrationAndItsRunCarryTheError() throws Exception {
        Files.writeString(dir.resolve("1_ok.sql"), "CREATE TABLE ok (id int);");
        Files.writeString(dir.resolve("2_bad.sql"), "CREATE TABLE bad (id nope);");
        runner.withPropertyValues("database.migrations.path=" + dir).run(context -> {
            assertThat(context).hasFailed();
            List<Seen> seen = recorder.stopped;

            assertThat(seen).extracting(s -> s.contextualName() + " " + s.tags().get("outcome"))
                    .containsExactly("migration 1 up success", "migration 2 up failure", "migrate up failure");
            assertThat(seen.get(1).error()).isInstanceOf(dev.migrate.MigrationFailedException.class);
            assertThat(seen.get(2).error()).isSameAs(seen.get(1).error());
        });
    }

    @Test
    void theyAreTurnedOffAsAnyObservation() {
        runner.withPropertyValues("management.observations.enable.db.migration=false").run(context -> assertThat(
                recorder.stopped).extracting(Seen::name).containsExactly("db.migrations.run"));
    }

    @Test
    void aPrefixGoesInFrontOfTheNames() {
        runner.withPropertyValues("database.metrics.prefix=meltica").run(context -> assertThat(
                recorder.stopped.stream().map(Seen::name).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("meltica.db.migration", "meltica.db.migrations.run"));
    }
}
