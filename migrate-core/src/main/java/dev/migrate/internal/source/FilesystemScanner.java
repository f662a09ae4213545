package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Lists the candidate files directly inside a folder on disk (not its subfolders, as golang-migrate does). */
final class FilesystemScanner {

    private FilesystemScanner() {
    }

    static List<ScriptFile> scan(Location location) {
        Path directory = location.directory();
        if (!Files.isDirectory(directory)) {
            throw InvalidMigrationException.locationNotFound(location + " (" + directory.toAbsolutePath() + ")");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries
                    .filter(path -> FileName.isCandidate(path.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .map(path -> new ScriptFile(path.getFileName().toString(), path.toString(), () -> read(path)))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw InvalidMigrationException.unreadable(location.toString(), e);
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw InvalidMigrationException.unreadable(path.toString(), e);
        }
    }
}
