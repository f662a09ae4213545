package dev.migrate.internal.source;

import dev.migrate.Migration;
import dev.migrate.Repeatable;
import dev.migrate.spi.MigrationSource;
import java.util.List;

/**
 * A source of the user's own, listed once: its migrations and repeatable migrations as it gave them then, for
 * runs on many databases or schemas that must not ask it again.
 */
public final class ListedSource implements MigrationSource {

    private final List<Migration> migrations;
    private final List<Repeatable> repeatables;
    private final String description;

    private ListedSource(List<Migration> migrations, List<Repeatable> repeatables, String description) {
        this.migrations = migrations;
        this.repeatables = repeatables;
        this.description = description;
    }

    /** {@code source} listed now; folders stay folders, so that their callbacks and baselines come along. */
    public static MigrationSource of(MigrationSource source) {
        if (source instanceof FolderSource folders) {
            return folders.listedOnce();
        }
        List<Migration> migrations = List.copyOf(source.load());
        return new ListedSource(migrations, List.copyOf(source.repeatables()), source.description());
    }

    @Override
    public List<Migration> load() {
        return migrations;
    }

    @Override
    public List<Repeatable> repeatables() {
        return repeatables;
    }

    @Override
    public String description() {
        return description;
    }
}
