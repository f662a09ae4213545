package dev.migrate.internal.liquibase;

import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase 4.33.0 itself, run on a test database from a changelog under a folder, as its command line runs it from
 * that folder: the oracle the Liquibase tests compare migrate with.
 */
final class Liquibase4 {

    private final Path root;
    private final String changelog;

    /** @param changelog the master changelog's path under {@code root}, as given to Liquibase */
    Liquibase4(Path root, String changelog) {
        this.root = root;
        this.changelog = changelog;
    }

    /** Runs the command ({@code update}, {@code updateCount}, {@code rollbackCount}) with its arguments. */
    void command(TestDatabase db, String command, Map<String, Object> arguments) throws Exception {
        try (Connection connection = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(scope(), () -> {
                CommandScope scope = new CommandScope(command).addArgumentValue("changelogFile", changelog)
                        .addArgumentValue("database", database);
                arguments.forEach(scope::addArgumentValue);
                scope.execute();
            });
        }
    }

    void update(TestDatabase db) throws Exception {
        command(db, "update", Map.of());
    }

    /** The changesets Liquibase would run now, as {@code path::id::author}. */
    List<String> unrun(TestDatabase db) throws Exception {
        return unrun(db, "", "");
    }

    /** The changesets Liquibase would run now with these contexts and labels. */
    @SuppressWarnings("deprecation")
    List<String> unrun(TestDatabase db, String contexts, String labels) throws Exception {
        try (Connection connection = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            return Scope.child(scope(), () -> {
                Liquibase liquibase = new Liquibase(changelog, new DirectoryResourceAccessor(root), database);
                return liquibase.listUnrunChangeSets(new Contexts(contexts), new LabelExpression(labels)).stream()
                        .map(ChangeSet::toNormalizedString).toList();
            });
        }
    }

    private Map<String, Object> scope() throws Exception {
        return Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(root), Scope.Attr.ui.name(),
                new LoggerUIService());
    }
}
