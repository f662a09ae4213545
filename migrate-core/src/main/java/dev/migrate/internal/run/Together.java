package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.Direction;
import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.internal.postgres.HistoryTable;
import dev.migrate.internal.postgres.ScriptBatch;
import dev.migrate.internal.sql.Directives;
import dev.migrate.internal.sql.TransactionControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A step sent to the server in one message with others: its part of the message and the history row it claims. */
record Together(Step step, ScriptBatch.Part part, AppliedMigration row) {

    /**
     * The steps from {@code first} on that can share one message, at most {@code most} and about {@link
     * Pace#MOST_CHARS} of script: transactional SQL scripts going up, with no transaction statement of their own,
     * nothing left open at their end (a string or comment that would swallow what follows), and a claim that can
     * be written as text. Empty when the first cannot.
     */
    static List<Together> from(List<Step> steps, int first, int most, HistoryTable history, String user,
            long recorded) {
        List<Together> together = new ArrayList<>();
        Instant at = Instant.now();
        long chars = 0;
        for (int i = first; i < steps.size() && together.size() < most; i++) {
            Step step = steps.get(i);
            Migration migration = step.migration();
            Script script = migration.up();
            if (step.direction() != Direction.UP || !script.transactional() || script.code().isPresent()) {
                break;
            }
            String sql;
            try {
                sql = script.sql();
            } catch (InvalidMigrationException e) {
                if (together.isEmpty()) {
                    throw e;
                }
                break; // a later script that cannot be read now is reported when its own turn comes
            }
            chars += sql.length();
            if (!history.asText().claimsAsText(migration.version(), sql) || chars > Pace.MOST_CHARS && !together.isEmpty()) {
                break;
            }
            TransactionControl.Finding finding = TransactionControl.of(sql);
            if (finding.endsTransaction().isPresent() || finding.unterminated()) {
                break;
            }
            List<String> settings = Directives.timeoutSettings(sql, "SET LOCAL ");
            AppliedMigration row = new AppliedMigration(migration.version(), migration.description(),
                    script.checksum(), false, at, 0, user);
            StringBuilder before = new StringBuilder();
            settings.forEach(setting -> before.append(setting).append(";\n"));
            before.append(history.asText().claimText(row));
            together.add(new Together(step, new ScriptBatch.Part(before.toString(), settings.size() + 1,
                    finding.runnable(), history.asText().settleText(migration.version(), recorded + together.size() + 1)),
                    row));
        }
        return together;
    }
}
