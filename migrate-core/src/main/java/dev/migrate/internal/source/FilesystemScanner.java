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

    private static final int MAX_DEPTH = 16;

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
                scanFolder(location, entry, name, prefix + name + File.separator, files, 1);
            }
        }
        return files;
    }

    /** Deeper folders are read too: Flyway finds migrations at any depth; other layouts look one level down. */
    private static void scanFolder(Location location, Path folder, String path, String displayPrefix,
            List<SourceFile> files, int depth) {
        if (depth > MAX_DEPTH) {
            return; // a symbolic link back up would otherwise never end
        }
        for (String nested : list(location, folder)) {
            Path entry = folder.resolve(nested);
            if (nested.startsWith(".")) {
                continue;
            }
            if (Files.isRegularFile(entry)) {
                files.add(new SourceFile(path + "/" + nested, displayPrefix + nested, () -> read(entry)));
            } else if (Files.isDirectory(entry)) {
                scanFolder(location, entry, path + "/" + nested, displayPrefix + nested + File.separator, files,
                        depth + 1);
            }
        }
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

    /** A regular file's bytes; anything else named like one is refused before it is opened (a FIFO would block). */
    private static byte[] read(Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                if (Files.exists(path)) {
                    throw InvalidMigrationException.notAFile(path.toString());
                }
                throw new java.nio.file.NoSuchFileException(path.toString());
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw InvalidMigrationException.unreadable(path.toString(), e);
        }
    }
}
