package dev.migrate;

import dev.migrate.internal.source.FolderSource;
import dev.migrate.internal.source.Location;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The built-in source over {@code classpath:db/migrations}, the folder being a classpath root of its own. */
class ClasspathSourceContractTest extends MigrationSourceContract {

    @TempDir
    Path root;

    @Override
    protected Fixture fixture() {
        MigrationFolder folder = new MigrationFolder(root.resolve("db/migrations")).file("README.md", "notes");
        try {
            ClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
            return new FolderSourceContractTest.Files(folder, new FolderSource(
                    List.of(Location.parse("classpath:db/migrations")), loader, Optional.empty()));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
