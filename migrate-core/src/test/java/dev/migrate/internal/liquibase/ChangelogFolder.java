package dev.migrate.internal.liquibase;

import dev.migrate.Migrator;
import dev.migrate.MigratorBuilder;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder of changelogs a test writes, and migrators that read them from it as from the classpath, as Spring Boot
 * gives a changelog to Liquibase (so the paths recorded are the ones Liquibase records run from that folder).
 */
final class ChangelogFolder {

    private final Path root;

    ChangelogFolder(Path root) {
        this.root = root;
    }

    /** Writes {@code text} at {@code path} under the folder, making the folders it needs. */
    void write(String path, String text) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A class loader that finds the folder's files, and the test's classes besides. */
    ClassLoader classLoader() {
        try {
            return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A builder for {@code db} reading {@code location} under the folder, as {@code classpath:location}. */
    MigratorBuilder migrator(TestDatabase db, String location) {
        return Migrator.builder(db.dataSource()).classLoader(classLoader()).locations("classpath:" + location);
    }
}
