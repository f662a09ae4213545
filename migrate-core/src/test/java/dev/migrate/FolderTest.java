package dev.migrate;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What tests of one migration folder on a fresh database share: the folder, and a migrator over it. */
@ExtendWith(PostgresExtension.class)
abstract class FolderTest {

    @TempDir
    Path dir;

    MigrationFolder folder() {
        return new MigrationFolder(dir);
    }

    Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations(dir.toString()).build();
    }
}
