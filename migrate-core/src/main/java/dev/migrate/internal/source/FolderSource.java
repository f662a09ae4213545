package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
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
        List<Migration> migrations = new ArrayList<>();
        for (Location location : locations) {
            List<SourceFile> files = location.classpath()
                    ? ClasspathScanner.scan(location, classLoader)
                    : FilesystemScanner.scan(location);
            Layout found = layout.orElseGet(() -> LayoutDetector.detect(location, files));
            migrations.addAll(parse(found, files));
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
