package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the files directly inside a folder on disk and inside its subfolders one level down (diesel keeps one
 * folder per migration); hidden files and folders are skipped.
 */
final class FilesystemScanner {

    private FilesystemScanner() {
    }

    static List<SourceFile> scan(Location location) {
        Path directory = location.directory();
        if (!Files.isDirectory(directory)) {
            throw InvalidMigrationException.locationNotFound(location + " (" + directory.toAbsolutePath() + ")");
        }
        try {
            List<SourceFile> files = new ArrayList<>();
            for (Path entry : list(directory)) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                // A .sql name is taken for a file without asking the file system: one stat less per migration.
                if (name.endsWith(".sql") || Files.isRegularFile(entry)) {
                    files.add(file(name, entry));
                } else if (Files.isDirectory(entry)) {
                    for (Path nested : list(entry)) {
                        if (!nested.getFileName().toString().startsWith(".") && Files.isRegularFile(nested)) {
                            files.add(file(name + "/" + nested.getFileName(), nested));
                        }
                    }
                }
            }
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw InvalidMigrationException.unreadable(location.toString(), e);
        }
    }

    private static List<Path> list(Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        }
        return entries;
    }

    private static SourceFile file(String path, Path file) {
        return new SourceFile(path, file.toString(), () -> read(file));
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw InvalidMigrationException.unreadable(path.toString(), e);
        }
    }
}
