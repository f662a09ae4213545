package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.JavaMigration;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.Repeatable;
import dev.migrate.spi.MigrationSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Migrations from folders on disk and on the classpath, each folder in the layout it is written in (detected,
 * or as configured). Scripts are read when first needed, except where a layout must look inside to know what
 * a file is.
 */
public final class FolderSource implements MigrationSource {

    private final List<Location> locations;
    private final ClassLoader classLoader;
    private final Optional<Layout> layout;
    private final Placeholders placeholders;
    private final List<JavaMigration> javaMigrations;
    /** The repeatable migrations the last {@link #load()} found, for {@link #repeatables()} in the same run. */
    private volatile List<Repeatable> repeatables;
    /** The SQL callbacks the last {@link #load()} found. */
    private volatile List<CallbackScript> callbacks = List.of();
    /** The baseline migrations (Flyway's {@code B} files) the last {@link #load()} found, in version order. */
    private volatile List<Migration> baselines = List.of();
    /** The migrations of a listing made once ({@link #listedOnce}); null for folders listed by each run. */
    private volatile List<Migration> once;

    public FolderSource(List<Location> locations, ClassLoader classLoader) {
        this(locations, classLoader, Optional.empty());
    }

    public FolderSource(List<Location> locations, ClassLoader classLoader, Optional<Layout> layout) {
        this(locations, classLoader, layout, Placeholders.NONE);
    }

    public FolderSource(List<Location> locations, ClassLoader classLoader, Optional<Layout> layout,
            Placeholders placeholders) {
        this(locations, classLoader, layout, placeholders, List.of());
    }

    /** @param javaMigrations Java migrations given as instances (Spring beans), beside those found on the classpath */
    public FolderSource(List<Location> locations, ClassLoader classLoader, Optional<Layout> layout,
            Placeholders placeholders, List<JavaMigration> javaMigrations) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("at least one migration location is needed");
        }
        this.locations = List.copyOf(locations);
        this.classLoader = classLoader;
        this.layout = layout;
        this.placeholders = placeholders;
        this.javaMigrations = List.copyOf(javaMigrations);
    }

    /**
     * The folders at {@code locations} as users write them ({@code classpath:db/migrations}), classpath ones found
     * through {@code classLoader}, else the thread's context class loader, else migrate's own.
     */
    public static FolderSource of(List<String> locations, ClassLoader classLoader, Optional<Layout> layout,
            Placeholders placeholders, List<JavaMigration> javaMigrations) {
        ClassLoader loader = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
        return new FolderSource(locations.stream().map(Location::parse).toList(),
                loader != null ? loader : FolderSource.class.getClassLoader(), layout, placeholders, javaMigrations);
    }

    /**
     * These folders as they are now, listed once: a source whose {@link #load} gives the same migrations again
     * (their scripts keep their checksums) without looking at the folders, for runs on many databases or schemas.
     */
    public FolderSource listedOnce() {
        FolderSource listed = new FolderSource(locations, classLoader, layout, placeholders, javaMigrations);
        listed.once = List.copyOf(load());
        listed.repeatables = repeatables;
        listed.callbacks = callbacks;
        listed.baselines = baselines;
        return listed;
    }

    /** Whether this is a listing made once ({@link #listedOnce}), which never looks at the folders again. */
    public boolean listed() {
        return once != null;
    }

    @Override
    public List<Migration> load() {
        if (once != null) {
            return once;
        }
        List<Migration> migrations = new ArrayList<>();
        List<Repeatable> repeatable = new ArrayList<>();
        List<CallbackScript> callback = new ArrayList<>();
        List<Migration> baseline = new ArrayList<>();
        List<JavaMigration> code = new ArrayList<>(javaMigrations);
        String firstLayout = null;
        for (Location location : locations) {
            List<SourceFile> all = location.classpath()
                    ? ClasspathScanner.scan(location, classLoader)
                    : FilesystemScanner.scan(location);
            List<SourceFile> files = all.stream().filter(file -> !RepeatableFiles.owns(file)).toList();
            Layout found = layout.orElseGet(() -> LayoutDetector.detect(location, files));
            int before = migrations.size() + repeatable.size() + callback.size() + baseline.size();
            // Flyway looks at every depth; the other tools at the location itself (and diesel one folder down).
            migrations.addAll(parse(found, found == Layout.FLYWAY ? files
                    : files.stream().filter(file -> file.depth() <= 1).toList(), callback, baseline));
            repeatable.addAll(found == Layout.FLYWAY ? RepeatableFiles.of(all, found.id(), placeholders)
                    : RepeatableFiles.of(all.stream().filter(file -> file.depth() == 0).toList(), found.id(),
                            Placeholders.NONE));
            if (migrations.size() + repeatable.size() + callback.size() + baseline.size() == before) {
                UnreadFolder.refuseIfItHoldsSql(location, all, found);
            }
            if (location.classpath()) {
                // An instance given (a Spring bean, with its dependencies) stands for its class found here.
                JavaClasses.in(location, all, classLoader).stream()
                        .filter(m -> code.stream().noneMatch(given -> given.getClass() == m.getClass()))
                        .forEach(code::add);
            }
            firstLayout = firstLayout == null ? found.id() : firstLayout;
        }
        RepeatableFiles.requireUnique(repeatable);
        repeatables = List.copyOf(repeatable);
        callbacks = List.copyOf(callback);
        baseline.sort(Comparator.comparing(Migration::version));
        baselines = List.copyOf(baseline);
        for (JavaMigration migration : code) {
            migrations.add(new Migration(migration.version(), migration.description(), Script.java(migration),
                    Optional.empty(), firstLayout));
        }
        // Stable: of two migrations with one version, the first location's is named first.
        migrations.sort(Comparator.comparing(Migration::version));
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version().equals(migrations.get(i - 1).version())) {
                throw InvalidMigrationException.duplicateVersion(migrations.get(i).version(),
                        List.of(migrations.get(i - 1).up().name(), migrations.get(i).up().name()));
            }
        }
        return migrations;
    }

    /**
     * The layout's migrations; a Flyway folder's SQL callbacks go to {@code callbacks} and its baseline migrations
     * to {@code baselines}, found in the same pass.
     */
    private List<Migration> parse(Layout layout, List<SourceFile> files, List<CallbackScript> callbacks,
            List<Migration> baselines) {
        return switch (layout) {
            case GOLANG_MIGRATE, SQLX -> PairLayout.parse(layout, files);
            case ATLAS -> AtlasLayout.parse(files);
            case DIESEL -> DieselLayout.parse(files);
            case GOOSE, SQL_MIGRATE, DBMATE -> SectionLayout.parse(layout, files);
            case FLYWAY -> {
                FlywayLayout.Folder folder = FlywayLayout.read(files, placeholders);
                callbacks.addAll(folder.callbacks());
                baselines.addAll(folder.baselines());
                yield folder.migrations();
            }
        };
    }

    @Override
    public List<Repeatable> repeatables() {
        List<Repeatable> found = repeatables;
        if (found == null) {
            load();
            found = repeatables;
        }
        return found;
    }

    /** The baseline migrations of the folders (Flyway's {@code B} files), found by the last {@link #load()}. */
    public List<Migration> baselines() {
        return baselines;
    }

    /** The SQL callbacks of the folders, found by the last {@link #load()}. */
    public List<CallbackScript> callbacks() {
        return callbacks;
    }

    @Override
    public String description() {
        return locations.stream().map(Location::toString).collect(Collectors.joining(", "));
    }
}
