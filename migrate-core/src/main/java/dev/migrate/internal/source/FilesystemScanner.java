package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the files directly inside a folder on disk and inside its subfolders one level down (diesel keeps one
 * folder per migration); hidden files and folders are skipped.
 *
 * <p>Names come from one directory read ({@link File#list()}), and a file's {@link Path} is made only when it is
 * read: a start with 1,000 applied migrations lists them all, every time.
 */
final class FilesystemScanner {

    private FilesystemScanner() {
    }

    static List<SourceFile> scan(Location location) {
        Path directory = location.directory();
        String[] names = list(location, directory);
        String prefix = prefix(directory);
        List<SourceFile> files = new ArrayList<>(names.length);
        for (String name : names) {
            if (name.startsWith(".")) {
                continue;
            }
            // A .sql name is taken for a file without asking the file system: one stat less per migration.
            Path entry = name.endsWith(".sql") ? null : directory.resolve(name);
            if (entry == null || Files.isRegularFile(entry)) {
                files.add(new SourceFile(name, prefix + name, () -> read(directory.resolve(name))));
            } else if (Files.isDirectory(entry)) {
                String folderPrefix = prefix + name + File.separator;
                for (String nested : list(location, entry)) {
                    Path file = entry.resolve(nested);
                    if (!nested.startsWith(".") && Files.isRegularFile(file)) {
                        files.add(new SourceFile(name + "/" + nested, folderPrefix + nested, () -> read(file)));
                    }
                }
            }
        }
        return files;
    }

    private static String[] list(Location location, Path directory) {
        String[] names = directory.toFile().list();
        if (names == null) {
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                throw InvalidMigrationException.locationNotAFolder(location + " (" + directory.toAbsolutePath() + ")");
            }
            if (!Files.isDirectory(directory)) {
                throw InvalidMigrationException.locationNotFound(location + " (" + directory.toAbsolutePath() + ")");
            }
            throw InvalidMigrationException.unreadable(location.toString(),
                    new IOException("cannot list " + directory + " (permissions?)"));
        }
        return names;
    }

    /** What {@code directory.resolve(name).toString()} starts with, worked out once. */
    private static String prefix(Path directory) {
        String text = directory.toString();
        return text.isEmpty() || text.endsWith(File.separator) ? text : text + File.separator;
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw InvalidMigrationException.unreadable(path.toString(), e);
        }
    }
}
