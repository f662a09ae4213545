package dev.migrate.internal.liquibase;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.OfflineConnection;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;

/**
 * Liquibase 4.33.0 reading a changelog under a folder without a database (its offline PostgreSQL): each change's
 * checksum, description and the SQL it generates for PostgreSQL, for the tests that hold migrate's to them.
 */
final class LiquibaseOffline {

    /** One change as Liquibase sees it. */
    record Seen(String changeSet, String changeSetChecksum, String description, String checksum, List<String> sql) {
    }

    private LiquibaseOffline() {
    }

    static List<Seen> read(Path root, String changelog) throws Exception {
        return read(root, changelog, ChecksumVersion.V9);
    }

    /** Each changeset's checksum of {@code version}, by {@code path::id::author}, as Liquibase computes it. */
    static Map<String, String> changeSetChecksums(Path root, String changelog, ChecksumVersion version)
            throws Exception {
        return parsed(root, changelog, version, (log, database) -> {
            Map<String, String> sums = new java.util.LinkedHashMap<>();
            for (ChangeSet changeSet : log.getChangeSets()) {
                sums.put(changeSet.toNormalizedString(), changeSet.generateCheckSum(version).toString());
            }
            return sums;
        });
    }

    /** As {@link #read(Path, String)}, the checksums of {@code version} (read afresh: Liquibase keeps the first). */
    static List<Seen> read(Path root, String changelog, ChecksumVersion version) throws Exception {
        return parsed(root, changelog, version, (log, database) -> {
            List<Seen> seen = new ArrayList<>();
            for (ChangeSet changeSet : log.getChangeSets()) {
                String sum = changeSet.generateCheckSum(version).toString();
                for (Change change : changeSet.getChanges()) {
                    List<String> sql = new ArrayList<>();
                    for (Sql statement : SqlGeneratorFactory.getInstance().generateSql(change, database)) {
                        sql.add(statement.toSql());
                    }
                    seen.add(new Seen(changeSet.toString(false), sum, change.getDescription(),
                            change.generateCheckSum().toString(), sql));
                }
            }
            return seen;
        });
    }

    /** What {@code reading} makes of the changelog, parsed by Liquibase in a scope of {@code version}. */
    private interface Reading<T> {
        T of(DatabaseChangeLog log, Database database) throws Exception;
    }

    private static <T> T parsed(Path root, String changelog, ChecksumVersion version, Reading<T> reading)
            throws Exception {
        Database database = new PostgresDatabase();
        database.setConnection(new OfflineConnection("offline:postgresql", new DirectoryResourceAccessor(root)));
        Map<String, Object> scope = new HashMap<>();
        scope.put(Scope.Attr.database.name(), database);
        scope.put(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(root));
        scope.put(Scope.Attr.checksumVersion.name(), version);
        return Scope.child(scope, () -> {
            DirectoryResourceAccessor resources = new DirectoryResourceAccessor(root);
            return reading.of(ChangeLogParserFactory.getInstance().getParser(changelog, resources)
                    .parse(changelog, new ChangeLogParameters(database), resources), database);
        });
    }
}
