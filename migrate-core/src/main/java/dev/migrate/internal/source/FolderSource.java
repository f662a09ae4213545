package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.spi.MigrationSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    public FolderSource(List<Location> locations, ClassLoader classLoader) {
        this(locations, classLoader, Optional.empty());
    }

    public FolderSource(List<Location> locations, ClassLoader classLoader, Optional<Layout> layout) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("at least one migration location is needed");
        }
        this.locations = List.copyOf(locations);
        this.classLoader = classLoader;
        this.layout = layout;
    }

    @Override
    public List<Migration> load() {
        Map<Version, Migration> byVersion = new HashMap<>();
        for (Location location : locations) {
            List<SourceFile> files = location.classpath()
                    ? ClasspathScanner.scan(location, classLoader)
                    : FilesystemScanner.scan(location);
            Layout found = layout.orElseGet(() -> LayoutDetector.detect(location, files));
            for (Migration migration : parse(found, files)) {
                Migration other = byVersion.putIfAbsent(migration.version(), migration);
                if (other != null) {
                    throw InvalidMigrationException.duplicateVersion(migration.version(),
                            List.of(other.up().name(), migration.up().name()));
                }
            }
        }
        List<Migration> migrations = new ArrayList<>(byVersion.values());
        migrations.sort((a, b) -> a.version().compareTo(b.version()));
        return migrations;
    }

    private static List<Migration> parse(Layout layout, List<SourceFile> files) {
        return switch (layout) {
            case GOLANG_MIGRATE, SQLX -> PairLayout.parse(layout, files);
            case ATLAS -> AtlasLayout.parse(files);
            case DIESEL -> DieselLayout.parse(files);
            case GOOSE, SQL_MIGRATE, DBMATE -> SectionLayout.parse(layout, files);
            case FLYWAY -> FlywayLayout.parse(files);
        };
    }

    @Override
    public String description() {
        return locations.stream().map(Location::toString).collect(Collectors.joining(", "));
    }
}
