package dev.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A folder of migration files written by a test. */
final class MigrationFolder {

    private final Path path;

    MigrationFolder(Path path) {
        this.path = path;
    }

    MigrationFolder file(String name, String sql) {
        return bytes(name, sql.getBytes(StandardCharsets.UTF_8));
    }

    MigrationFolder bytes(String name, byte[] content) {
        try {
            Files.createDirectories(path.resolve(name).getParent());
            Files.write(path.resolve(name), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MigrationFolder delete(String name) {
        try {
            Files.delete(path.resolve(name));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    /** The location string users would write for this folder. */
    String location() {
        return "filesystem:" + path;
    }

    String display(String fileName) {
        return path.resolve(fileName).toString();
    }
}
