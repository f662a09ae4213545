package dev.migrate.internal.liquibase;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.Version;
import dev.migrate.JavaMigration;
import dev.migrate.internal.source.FolderSource;
import dev.migrate.internal.source.Layout;
import dev.migrate.internal.source.Location;
import dev.migrate.internal.source.Placeholders;
import dev.migrate.spi.MigrationSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Liquibase changelog as migrate's source: its changesets in changelog order, each read with the run's
 * parameters. A changeset has no version; as a {@link Migration} it is numbered by its place in the changelog and
 * described by its identity ({@code path::id::author}), for the reports and listeners that speak of migrations.
 * Runs go by the changesets themselves ({@link #changeSets()}) and Liquibase's history, never by those numbers.
 */
public final class ChangelogSource implements MigrationSource {

    /** The layout name reports give a changelog's changesets. */
    public static final String LAYOUT = "liquibase";

    private final ChangelogFile file;
    private final Map<String, String> parameters;
    private final ChangelogFilter filter;

    public ChangelogSource(ChangelogFile file, Map<String, String> parameters, ChangelogFilter filter) {
        this.file = file;
        this.parameters = Map.copyOf(parameters);
        this.filter = filter;
    }

    /**
     * A changelog source when {@code locations} is one location that is a Liquibase changelog or holds a master
     * changelog ({@link ChangelogFile#at}); empty otherwise, for the folder layouts.
     *
     * @param parameters the parameters given to the run (placeholders), before the changelog's own
     * @param filter the run's contexts and labels
     */
    public static Optional<ChangelogSource> at(List<String> locations, ClassLoader classLoader,
            Map<String, String> parameters, ChangelogFilter filter) {
        if (locations.size() != 1) {
            return Optional.empty();
        }
        return ChangelogFile.at(Location.parse(locations.get(0)), classLoader)
                .map(file -> new ChangelogSource(file, parameters, filter));
    }

    /**
     * The source for {@code locations}: a changelog where one location is one (a master changelog, or a folder
     * holding one) and neither a layout nor Java migrations were given, else the folders.
     *
     * @param values the placeholders, which are a changelog's parameters too
     */
    public static MigrationSource orFolders(List<String> locations, ClassLoader classLoader,
            Optional<Layout> layout, Placeholders values, List<JavaMigration> javaMigrations,
            ChangelogFilter filter) {
        if (layout.isEmpty() && javaMigrations.isEmpty()) {
            ClassLoader loader = classLoader != null ? classLoader : Optional.ofNullable(Thread.currentThread()
                    .getContextClassLoader()).orElse(ChangelogSource.class.getClassLoader());
            Optional<ChangelogSource> changelog = at(locations, loader, values.values(), filter);
            if (changelog.isPresent()) {
                return changelog.get();
            }
        }
        return FolderSource.of(locations, classLoader, layout, values, javaMigrations);
    }

    public ChangelogFile file() {
        return file;
    }

    /** Which changesets the runs take: the contexts and labels given. */
    public ChangelogFilter filter() {
        return filter;
    }

    /**
     * Every changeset of the changelog, in order, read now.
     *
     * @throws InvalidMigrationException naming the file and line Liquibase would refuse, or a format not read yet
     */
    public List<LiquibaseChangeSet> changeSets() {
        return switch (file.format()) {
            case "sql" -> FormattedSqlChangelog.read(file.displayName(), file.path(), file.text(),
                    ChangelogParameters.ofRun(parameters));
            default -> StructuredChangelog.read(file, new ChangelogParameters(ChangelogParameters.ofRun(parameters)),
                    new java.util.HashSet<>());
        };
    }

    @Override
    public List<Migration> load() {
        List<LiquibaseChangeSet> changeSets = changeSets();
        List<Migration> migrations = new ArrayList<>();
        for (int i = 0; i < changeSets.size(); i++) {
            migrations.add(migration(i + 1, changeSets.get(i)));
        }
        return migrations;
    }

    /** {@code changeSet} as the migration numbered {@code position}. */
    public static Migration migration(int position, LiquibaseChangeSet changeSet) {
        String name = changeSet.key();
        Script up = Script.derived(name, () -> new Script.Text(changeSet.sql(), changeSet.runInTransaction()));
        Optional<Script> down = changeSet.rollback().map(sql -> Script.derived(name + " (rollback)",
                () -> new Script.Text(sql, changeSet.runInTransaction())));
        return new Migration(new Version(position), name, up, down, LAYOUT);
    }

    @Override
    public String description() {
        return file.displayName();
    }
}
