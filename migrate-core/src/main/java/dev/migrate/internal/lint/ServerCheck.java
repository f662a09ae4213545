package dev.migrate.internal.lint;

import dev.migrate.LintFinding;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.internal.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lint against a real server: a migration's statements run one by one on a scratch database, in a transaction that
 * is rolled back, and after each the session's relation locks ({@code pg_locks}) and the relations' files
 * ({@code relfilenode}) tell what the server actually did to the relations that existed before the migration: which
 * lock each statement took, and which it rewrote. No parser guesswork, for exactly the server version in use.
 */
public final class ServerCheck {

    /** Modes that block the application's writes (and, for ACCESS EXCLUSIVE, its reads). */
    private static final Map<String, String> BLOCKING = Map.of("ShareLock", "SHARE (blocks writes)",
            "ShareRowExclusiveLock", "SHARE ROW EXCLUSIVE (blocks writes)", "ExclusiveLock", "EXCLUSIVE (blocks writes)",
            "AccessExclusiveLock", "ACCESS EXCLUSIVE (blocks reads and writes)");

    private static final String RELATIONS = "SELECT c.oid, c.relfilenode, c.oid::regclass::text FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'i', 'm') "
            + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
            + "ORDER BY 3";

    private ServerCheck() {
    }

    private record Relation(long file, String name) {
    }

    /** What {@code migration}'s statements do on {@code connection}; everything is rolled back. */
    public static List<LintFinding> observe(Connection connection, Migration migration) throws SQLException {
        Script script = migration.up();
        List<LintFinding> findings = new ArrayList<>();
        if (script.code().isPresent() || !script.transactional()) {
            return findings; // not run in a transaction here: the static rules speak for it
        }
        String[] lines = script.sql().split("\n", -1);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            Map<Long, Relation> existing = relations(statement);
            Set<String> held = new HashSet<>();
            Set<Long> rewritten = new HashSet<>();
            for (SqlSplitter.Statement sql : SqlSplitter.split(script.sql())) {
                Set<String> ignored = Linter.ignored(lines, sql);
                try {
                    statement.execute(sql.sql());
                } catch (SQLException e) {
                    finding(findings, ignored, "server-error", LintFinding.Severity.WARNING, script, sql,
                            "Could not be tried on the scratch database: " + e.getMessage() + ".",
                            "Check that the scratch database holds the schema the migration expects.");
                    break;
                }
                for (Map.Entry<String, String> lock : locks(statement, existing).entrySet()) {
                    if (held.add(lock.getKey() + lock.getValue())) {
                        finding(findings, ignored, "server-lock", LintFinding.Severity.WARNING, script, sql, "Takes "
                                + BLOCKING.get(lock.getValue()) + " on " + lock.getKey() + " (seen on the scratch "
                                + "server).", "Keep it short (the lock guard gives way while it waits), or use the "
                                + "static rule's rewrite.");
                    }
                }
                Map<Long, Relation> now = relations(statement);
                existing.forEach((oid, before) -> {
                    Relation after = now.get(oid);
                    if (after != null && after.file() != before.file() && rewritten.add(oid)) {
                        finding(findings, ignored, "server-rewrite", LintFinding.Severity.ERROR, script, sql, "Rewrites "
                                + before.name() + " (its file changed on the scratch server): every row is copied "
                                + "while it holds ACCESS EXCLUSIVE.", "Rewrite the change as the static rule for "
                                + "the statement says (new column and backfill, NOT VALID, CONCURRENTLY).");
                    }
                });
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        return findings;
    }

    private static Map<Long, Relation> relations(Statement statement) throws SQLException {
        // In name order, so that a report lists what one statement did to several relations the same way each time.
        Map<Long, Relation> relations = new LinkedHashMap<>();
        try (ResultSet row = statement.executeQuery(RELATIONS)) {
            while (row.next()) {
                relations.put(row.getLong(1), new Relation(row.getLong(2), row.getString(3)));
            }
        }
        return relations;
    }

    /** The blocking lock modes the session holds on relations that existed before the migration, by name. */
    private static Map<String, String> locks(Statement statement, Map<Long, Relation> existing) throws SQLException {
        Map<String, String> locks = new TreeMap<>();
        try (ResultSet row = statement.executeQuery("SELECT relation, mode FROM pg_catalog.pg_locks WHERE pid = "
                + "pg_backend_pid() AND locktype = 'relation' AND granted")) {
            while (row.next()) {
                Relation relation = existing.get(row.getLong(1));
                if (relation != null && BLOCKING.containsKey(row.getString(2))) {
                    locks.merge(relation.name(), row.getString(2), (a, b) -> a.equals("AccessExclusiveLock") ? a : b);
                }
            }
        }
        return locks;
    }

    /** Adds the finding unless the statement's {@code migrate:lint-ignore} comments suppress its rule. */
    private static void finding(List<LintFinding> findings, Set<String> ignored, String rule,
            LintFinding.Severity severity, Script script, SqlSplitter.Statement sql, String problem, String fix) {
        if (!ignored.contains(rule)) {
            findings.add(new LintFinding(rule, severity, script.name(), sql.line(), Linter.firstLine(sql.sql()),
                    problem, fix));
        }
    }
}
