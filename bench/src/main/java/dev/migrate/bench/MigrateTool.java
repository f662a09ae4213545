package dev.migrate.bench;

import dev.migrate.Migrator;
import java.nio.file.Path;
import javax.sql.DataSource;

/** migrate, as a service would call it. */
record MigrateTool(Path dir) implements Tool {

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public void migrate(DataSource dataSource) {
        Migrator.builder(dataSource).locations("filesystem:" + dir).build().migrate();
    }
}
