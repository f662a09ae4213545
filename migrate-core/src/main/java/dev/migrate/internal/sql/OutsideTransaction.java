package dev.migrate.internal.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Statements PostgreSQL refuses inside a transaction block (SQLSTATE 25001): CREATE / DROP INDEX CONCURRENTLY,
 * REINDEX ... CONCURRENTLY, VACUUM, ALTER SYSTEM, CREATE / DROP DATABASE and TABLESPACE, moving a database to
 * another tablespace, DISCARD ALL, CREATE / DROP SUBSCRIPTION, CLUSTER and REINDEX of a whole database or system. A script holding one cannot run in the migration's
 * transaction, whatever its folder's markers say; golang-migrate, for one, sends such a file without a transaction.
 */
public final class OutsideTransaction {

    /** Words one of those statements must contain: most scripts are never split to look. */
    private static final Words HINT = Words.of("concurrently", "vacuum", "alter system", "database", "tablespace",
            "discard", "subscription", "cluster", "reindex");
    private static final Pattern NEEDS = Pattern.compile("(create (unique )?index concurrently|drop index concurrently"
            + "|reindex\\b.*\\bconcurrently|vacuum|alter system|(create|drop) (database|tablespace|subscription)"
            + "|alter database \\S+ set tablespace|discard all|cluster( verbose)?$|reindex( \\(.*\\))? (database|system))\\b.*",
            Pattern.DOTALL);

    private OutsideTransaction() {
    }

    /** The first statement of {@code sql} that cannot run in a transaction block, if any. */
    public static Optional<SqlSplitter.Statement> first(String sql) {
        if (!HINT.in(sql)) {
            return Optional.empty();
        }
        return SqlSplitter.split(sql).stream().filter(OutsideTransaction::needsNoTransaction).findFirst();
    }

    /** A statement that cannot run in a transaction block and one that can, from the same script. */
    public record Mix(SqlSplitter.Statement outside, SqlSplitter.Statement inside) {
    }

    /** The first statement that cannot run in a transaction block and the first that can, if a script has both. */
    public static Optional<Mix> mixed(String sql) {
        if (!HINT.in(sql)) {
            return Optional.empty();
        }
        SqlSplitter.Statement outside = null;
        SqlSplitter.Statement inside = null;
        for (SqlSplitter.Statement statement : SqlSplitter.split(sql)) {
            if (needsNoTransaction(statement)) {
                outside = outside == null ? statement : outside;
            } else {
                inside = inside == null ? statement : inside;
            }
        }
        return outside != null && inside != null ? Optional.of(new Mix(outside, inside)) : Optional.empty();
    }

    private static boolean needsNoTransaction(SqlSplitter.Statement statement) {
        String text = statement.sql().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return NEEDS.matcher(text).matches();
    }
}
