package dev.migrate.internal.source;

import java.util.List;

/**
 * The paths of every file under a location, its subfolders included, relative to it with {@code /} between folders:
 * what a Liquibase {@code includeAll} reads, from the classpath or from disk, with the scanners the folder layouts use.
 *
 * @throws dev.migrate.InvalidMigrationException if the location is not there
 */
public final class FolderListing {

    private FolderListing() {
    }

    public static List<String> paths(Location location, ClassLoader classLoader) {
        List<SourceFile> files = location.classpath() ? ClasspathScanner.scan(location, classLoader)
                : FilesystemScanner.scan(location);
        return files.stream().map(SourceFile::path).toList();
    }
}
