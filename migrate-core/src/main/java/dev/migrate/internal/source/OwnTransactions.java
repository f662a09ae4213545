package dev.migrate.internal.source;

import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.sql.TransactionControl;
import dev.migrate.internal.sql.Words;

/**
 * Whether a file that its tool sends as it is (golang-migrate) ends transactions itself: a {@code COMMIT} part-way,
 * several {@code BEGIN ... COMMIT} blocks, a block followed by {@code CREATE INDEX CONCURRENTLY}. Such a file is
 * valid there and runs here as it runs there, without a transaction of migrate's, with a notice saying so. A file
 * wrapped whole in one {@code BEGIN; ... COMMIT;} is not one of them: it runs in migrate's transaction, wrapper
 * blanked out, atomic with its history row.
 */
final class OwnTransactions {

    /** Words a statement that ends a transaction starts with: most files are never lexed to look. */
    private static final Words HINT = Words.of("commit", "end", "rollback", "abort", "prepare");

    private OwnTransactions() {
    }

    static boolean endedBy(String name, String sql) {
        if (!HINT.in(sql)) {
            return false;
        }
        return TransactionControl.of(sql).endsTransaction().map(statement -> {
            ProgressLog.LOG.info("{} ends a transaction itself at line {} ('{}'), as golang-migrate allows, so it runs "
                    + "as golang-migrate runs it: without a transaction of migrate's, statement by statement, its "
                    + "history row dirty until it ends", name, statement.line(), statement.sql().strip());
            return true;
        }).orElse(false);
    }
}
