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
        List<int[]> scripts = new ArrayList<>(parts.size()); // each script's first code point and length
        int offset = 0;
        for (Part part : parts) {
            String head = "BEGIN;\n" + part.before() + ";\n";
            String tail = "\n;\n" + part.after() + ";\nCOMMIT;\n";
            int length = part.sql().codePointCount(0, part.sql().length());
            offset += head.codePointCount(0, head.length());
            scripts.add(new int[] {offset, length});
            offset += length + tail.codePointCount(0, tail.length());
            message.append(head).append(part.sql()).append(tail);
        }
        try {
            return SimpleQuery.execute(connection, message.toString(), label).values();
        } catch (SimpleQuery.Failure failure) {
            SQLException e = (SQLException) failure.getCause();
            // The failed block is left open and aborted (or, when its COMMIT failed, already ended).
            rollback(connection, e);
            SimpleQuery.Progress progress = failure.progress();
            int index = progress.commits().size();
            if (index >= parts.size()) {
                throw e;
            }
            List<Long> values = progress.values().subList(0, Math.min(index, progress.values().size()));
            int blockStart = index == 0 ? 0 : progress.commits().get(index - 1);
            // statements of the script completed before the error; negative while still in BEGIN or the claim
            int completed = progress.completed() - blockStart - 1 - parts.get(index).beforeStatements();
            int position = ScriptExecutor.position(e);
            int[] script = scripts.get(index);
            boolean inScript = position > 0 ? position > script[0] && position - script[0] <= script[1]
                    : completed >= 0;
            if (!inScript || String.valueOf(e.getMessage()).contains(marker)) {
                throw new Failure(index, values, e, null);
            }
            throw new Failure(index, values, e, ScriptExecutor.scriptFailure(e, parts.get(index).sql(),
                    position > 0 ? position - script[0] : 0, completed));
        }
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
