package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.Version;
import dev.migrate.spi.MigrationSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Migrations from folders on disk and on the classpath. Lists the files and pairs them by version; reading
 * them waits until a script is needed.
 */
public final class FolderSource implements MigrationSource {

    private final List<Location> locations;
    private final ClassLoader classLoader;

    public FolderSource(List<Location> locations, ClassLoader classLoader) {
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("at least one migration location is needed");
        }
        this.locations = List.copyOf(locations);
        this.classLoader = classLoader;
    }

    @Override
    public List<Migration> load() {
        Map<Version, Pair> byVersion = new HashMap<>();
        for (Location location : locations) {
            List<ScriptFile> files = location.classpath()
                    ? ClasspathScanner.scan(location, classLoader)
                    : FilesystemScanner.scan(location);
            for (ScriptFile file : files) {
                FileName name = FileName.parse(file.fileName(), file.displayName());
                byVersion.computeIfAbsent(name.version(), v -> new Pair()).add(name, file);
            }
        }
        List<Migration> migrations = new ArrayList<>(byVersion.size());
        byVersion.forEach((version, pair) -> migrations.add(pair.toMigration(version)));
        migrations.sort((a, b) -> a.version().compareTo(b.version()));
        return migrations;
    }

    @Override
    public String description() {
        return locations.stream().map(Location::toString).collect(Collectors.joining(", "));
    }

    /** The files found for one version; more than one up or down is an error. */
    private static final class Pair {
        private final List<ScriptFile> ups = new ArrayList<>(1);
        private final List<ScriptFile> downs = new ArrayList<>(1);
        private String description;

        void add(FileName name, ScriptFile file) {
            if (name.kind() == FileName.Kind.UP) {
                ups.add(file);
                description = name.description();
            } else {
                downs.add(file);
            }
        }

        Migration toMigration(Version version) {
            if (ups.size() > 1 || downs.size() > 1) {
                List<String> all = new ArrayList<>();
                ups.forEach(f -> all.add(f.displayName()));
                downs.forEach(f -> all.add(f.displayName()));
                all.sort(null);
                throw InvalidMigrationException.duplicateVersion(version, all);
            }
            if (ups.isEmpty()) {
                throw InvalidMigrationException.downWithoutUp(downs.get(0).displayName());
            }
            Optional<Script> down = downs.stream().findFirst().map(ScriptFile::script);
            return new Migration(version, description, ups.get(0).script(), down);
        }
    }
}
