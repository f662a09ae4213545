package dev.migrate.spi;

import dev.migrate.Migration;
import java.util.List;

/** Provides the migrations to apply, read from wherever they live. */
public interface MigrationSource {

    /**
     * Lists the migrations in version order. Implementations list files but need not read them: scripts are
     * read when first used.
     *
     * @throws dev.migrate.InvalidMigrationException if a location is missing or a file is unusable
     */
    List<Migration> load();

    /**
     * The repeatable migrations, in any order; none unless the source has some. Called after {@link #load()} in
     * the same run.
     *
     * @throws dev.migrate.InvalidMigrationException if a file is unusable
     */
    default List<dev.migrate.Repeatable> repeatables() {
        return List.of();
    }

    /** Where the migrations come from, for messages: {@code classpath:db/migrations}. */
    String description();
}
