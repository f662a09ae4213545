package dev.migrate.bench;

import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import java.util.Map;

/** Liquibase update with a changelog that includes one formatted-SQL changeset per file. */
record LiquibaseTool(Path dir) implements Tool {

    @Override
    public String name() {
        return "Liquibase";
    }

    @Override
    public void migrate(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Its console output goes to its (silenced) log, as every tool's does here.
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(dir),
                    Scope.Attr.ui.name(), new LoggerUIService()), () ->
                    new CommandScope("update")
                            .addArgumentValue("changelogFile", "changelog.xml")
                            .addArgumentValue("database", database)
                            .execute());
        }
    }
}
