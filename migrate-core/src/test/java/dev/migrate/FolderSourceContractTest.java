package dev.migrate;

import dev.migrate.internal.source.FolderSource;
import dev.migrate.internal.source.Location;
import dev.migrate.spi.MigrationSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The built-in source over a folder on disk, in golang-migrate's layout. */
class FolderSourceContractTest extends MigrationSourceContract {

    @TempDir
    Path dir;

    @Override
    protected Fixture fixture() {
        return new Files(new MigrationFolder(dir),
                new FolderSource(List.of(Location.parse("filesystem:" + dir)), getClass().getClassLoader(),
                        Optional.empty()));
    }

    /** golang-migrate's pairs, written into the folder a source reads. */
    record Files(MigrationFolder folder, MigrationSource source) implements Fixture {

        @Override
        public Fixture add(long version, String description, String up, String down) {
            String name = String.format("%06d_%s", version, description);
            folder.file(name + ".up.sql", up);
            if (down != null) {
                folder.file(name + ".down.sql", down);
            }
            return this;
        }
    }
}
