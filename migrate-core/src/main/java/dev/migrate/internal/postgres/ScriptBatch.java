package dev.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends transactional migrations to the server as one message, each as its own block: {@code BEGIN}, the engine's
 * statements before the script (the history row's claim), the script, the engine's statements after it (the row's
 * time taken and a check that the row is still there), {@code COMMIT}. The server runs a message's statements in
 * order and stops at the first error, and each block commits on its own: the migrations before a failure stay
 * committed with their rows, the failed one is rolled back whole, and nothing after it runs. The COMMITs the server
 * reported say which block failed; the error's position, or the statements completed, say where in it.
 *
 * <p>Only for pgjdbc's simple-query protocol ({@link ScriptExecutor#sendsTogether}), on a connection in autocommit.
 */
public final class ScriptBatch {

    private ScriptBatch() {
    }

    /**
     * One migration of a message: {@code before} holds {@code beforeStatements} statements separated by
     * semicolons, {@code after} those that end it. The script must not end inside a string or comment, or it would
     * swallow what follows.
     */
    public record Part(String before, int beforeStatements, String sql, String after) {
    }

    /** Block {@link #part()} failed; the blocks before it committed. */
    public static final class Failure extends Exception {
        private final int part;
        private final transient List<Long> values;
        private final transient ScriptExecutor.ScriptFailure inScript;

        Failure(int part, List<Long> values, SQLException cause, ScriptExecutor.ScriptFailure inScript) {
            super(cause);
            this.part = part;
            this.values = List.copyOf(values);
            this.inScript = inScript;
        }

        /** The index of the block that failed. */
        public int part() {
            return part;
        }

        /** The labelled values of the blocks that committed, in order. */
        public List<Long> values() {
            return values;
        }

        /** The failure at its script line, when the script failed; empty when the engine's statements did. */
        public Optional<ScriptExecutor.ScriptFailure> inScript() {
            return Optional.ofNullable(inScript);
        }

        /** The server's error. */
        public SQLException error() {
            return (SQLException) getCause();
        }
    }

    /**
     * Sends the parts as one message.
     *
     * @param label the column label of the result each block's {@code after} returns one value under
     * @param marker text in an error message that makes it the engine's, wherever it came from
     * @return each block's labelled value, in order
     */
    public static List<Long> run(Connection connection, List<Part> parts, String label, String marker)
            throws Failure, SQLException {
        StringBuilder message = new StringBuilder();
        int[] blocks = new int[parts.size() + 1]; // where each block starts, in code points, and where the last ends
        int[] scripts = new int[parts.size()]; // where each script starts
        int offset = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            String head = "BEGIN;\n" + part.before() + ";\n";
            String tail = "\n;\n" + part.after() + ";\nCOMMIT;\n";
            blocks[i] = offset;
            scripts[i] = offset + head.codePointCount(0, head.length());
            offset = scripts[i] + part.sql().codePointCount(0, part.sql().length())
                    + tail.codePointCount(0, tail.length());
            message.append(head).append(part.sql()).append(tail);
        }
        blocks[parts.size()] = offset;
        try {
            return Replies.unbounded(connection, () -> SimpleQuery.execute(connection, message.toString(), label))
                    .values();
        } catch (SimpleQuery.Failure failure) {
            SQLException e = (SQLException) failure.getCause();
            // The failed block is left open and aborted (or, when its COMMIT failed, already ended).
            rollback(connection, e);
            SimpleQuery.Progress progress = failure.progress();
            int position = ScriptExecutor.position(e);
            int index = progress.commits().size();
            int at = blockAt(blocks, position);
            List<Long> values;
            boolean refused = at > index;
            if (refused) {
                // The server parses a whole message before running any of it: a syntax error in a later block
                // refused them all, so the blocks before it are sent again, on their own.
                values = run(connection, parts.subList(0, at), label, marker);
                index = at;
            } else if (index >= parts.size()) {
                throw e;
            } else {
                values = progress.values().subList(0, Math.min(index, progress.values().size()));
            }
            int blockStart = index == 0 || refused ? 0 : progress.commits().get(index - 1);
            // statements of the script completed before the error; negative while still in BEGIN or the claim
            int completed = refused ? -1 : progress.completed() - blockStart - 1 - parts.get(index).beforeStatements();
            int length = parts.get(index).sql().codePointCount(0, parts.get(index).sql().length());
            boolean inScript = position > 0 ? position > scripts[index] && position - scripts[index] <= length
                    : completed >= 0;
            if (!inScript || String.valueOf(e.getMessage()).contains(marker)) {
                throw new Failure(index, values, e, null);
            }
            throw new Failure(index, values, e, ScriptExecutor.scriptFailure(e, parts.get(index).sql(),
                    position > 0 ? position - scripts[index] : 0, completed));
        }
    }

    /** The block holding the 1-based code-point {@code position}, or -1 when there is none. */
    private static int blockAt(int[] blocks, int position) {
        for (int i = 0; position > 0 && i + 1 < blocks.length; i++) {
            if (position > blocks[i] && position <= blocks[i + 1]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Ends the failed block. A connection the failure closed (its session ended) has nothing left to end: the
     * server rolled the block back when the session went, and the failure says so on its own.
     */
    private static void rollback(Connection connection, SQLException failure) {
        try {
            if (!connection.isClosed()) {
                SimpleQuery.execute(connection, "ROLLBACK");
            }
        } catch (SimpleQuery.Failure | SQLException | RuntimeException e) {
            failure.addSuppressed(e instanceof SimpleQuery.Failure ? e.getCause() : e);
        }
    }
}
