package dev.migrate.bench;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Flyway with its defaults, versioned SQL migrations from a folder. */
record FlywayTool(Path dir) implements Tool {

    @Override
    public String name() {
        return "Flyway";
    }

    @Override
    public void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("filesystem:" + dir).load().migrate();
    }
}
