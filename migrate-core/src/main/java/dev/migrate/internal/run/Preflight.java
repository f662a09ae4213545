package dev.migrate.internal.run;

import dev.migrate.InvalidMigrationException;
import dev.migrate.MigrateException;
import dev.migrate.Repeatable;
import dev.migrate.Script;
import dev.migrate.internal.sql.Directives;
import dev.migrate.internal.sql.SqlSplitter;
import dev.migrate.internal.sql.TransactionControl;
import dev.migrate.internal.sql.Words;
import dev.migrate.internal.source.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything that can be known about the scripts a run will send, checked before the first one runs: each is
 * read and decoded, a script run statement by statement is split, and a script run in a transaction is checked
 * for statements that would end that transaction. So a run refused for a file has changed nothing.
 */
final class Preflight {

    private Preflight() {
    }

    /** Every problem with the steps' scripts, in step order. */
    static List<MigrateException> problems(List<Step> steps) {
        return problems(steps, List.of());
    }

    /** Every problem with the steps' scripts and then the repeatable migrations', in the order they would run. */
    static List<MigrateException> problems(List<Step> steps, List<Repeatable> repeatables) {
        return problems(steps, repeatables, List.of());
    }

    /** What a run's checks found: every problem, in the order the scripts would run, and the scripts that name the
     * history table ({@link #touches}). */
    record Checked(List<MigrateException> problems, List<String> touchingHistory) {
    }

    /** As {@link #problems(List, List)}, and then the callbacks' scripts. */
    static List<MigrateException> problems(List<Step> steps, List<Repeatable> repeatables, List<Script> callbacks) {
        return check(steps, repeatables, callbacks, null).problems();
    }

    /**
     * As {@link #problems(List, List, List)}, and the steps' scripts that name the history table {@code table} in
     * {@code schema} ({@link #touches}): one pass, so that each script is read once.
     */
    static Checked check(List<Step> steps, List<Repeatable> repeatables, List<Script> callbacks, String schema,
            String table) {
        // A run with no step (a fleet's target with nothing to do) compiles no expression.
        return check(steps, repeatables, callbacks, steps.isEmpty() ? null : historyNamed(schema, table));
    }

    private static Checked check(List<Step> steps, List<Repeatable> repeatables, List<Script> callbacks,
            HistoryName history) {
        List<MigrateException> problems = new ArrayList<>();
        List<String> touching = new ArrayList<>();
        for (Step step : steps) {
            collect(problems, () -> {
                check(step.migration().label(), step.migration().layout(), step.script());
                if (history != null && touches(step, history)) {
                    touching.add(step.script().name());
                }
            });
        }
        for (Repeatable repeatable : repeatables) {
            collect(problems, () -> check(repeatable.label(), repeatable.layout(), repeatable.script()));
        }
        for (Script callback : callbacks) {
            collect(problems, () -> check("callback " + callback.name(), "flyway", callback));
        }
        return new Checked(problems, touching);
    }

    private static void collect(List<MigrateException> problems, Runnable check) {
        try {
            check.run();
        } catch (InvalidMigrationException e) {
            problems.add(e);
        }
    }

    /**
     * Whether the step's SQL names the history table, in a folder whose own tool keeps its history elsewhere (so
     * that such a table is theirs, not a history table). golang-migrate's and dbmate's folders may touch it: it is
     * their own history table, which migrate adopted.
     */
    private static boolean touches(Step step, HistoryName history) {
        if (Layout.sharesTheHistoryTableName(step.migration().layout())) {
            return false;
        }
        String sql = step.script().sql();
        return history.mentioned().in(sql) && history.named().matcher(sql).find();
    }

    /** The history table's name as a word to look for first, and as it must be written to be that table. */
    private record HistoryName(Words mentioned, Pattern named) {
    }

    private static HistoryName historyNamed(String schema, String table) {
        // Unqualified, or qualified with the history's own schema: another schema's table of that name is not it.
        String qualifier = Pattern.quote(schema == null ? "public" : schema);
        // The expression tries look-behinds at every character, seconds for a data load of tens of megabytes: it
        // runs only where the name is.
        Pattern named = Pattern.compile("(?i)(?:(?<![\\w$.\"])|(?<=(?<![\\w$])\"?"
                + qualifier + "\"?\\.))\"?" + Pattern.quote(table) + "\"?(?![\\w$])");
        return new HistoryName(Words.of(table.toLowerCase(Locale.ROOT)), named);
    }

    private static void check(String label, String layout, Script script) {
        String sql = script.sql();
        if (sql.isEmpty() && Layout.DIESEL.id().equals(layout)) {
            throw InvalidMigrationException.emptyScript(label, script.name(), "diesel refuses to run an empty "
                    + "migration (\"Attempted to run an empty migration.\")");
        }
        for (String name : new String[] {Directives.LOCK_TIMEOUT, Directives.STATEMENT_TIMEOUT}) {
            Directives.value(sql, name).filter(value -> !Directives.valid(value)).ifPresent(value -> {
                throw InvalidMigrationException.badFile(script.name(), "sets migrate:" + name + " to '" + value
                        + "'; write a time as PostgreSQL reads it: digits and a unit (ms, s, min, h, d), e.g. 10s");
            });
        }
        if (!script.transactional()) {
            Optional<String> open = SqlSplitter.lex(sql).unterminated();
            if (open.isPresent()) {
                throw InvalidMigrationException.unterminated(script.name(), open.get());
            }
            return;
        }
        Optional<SqlSplitter.Statement> ends = TransactionControl.of(sql).endsTransaction();
        if (ends.isPresent()) {
            throw InvalidMigrationException.endsOwnTransaction(label, script.name(), ends.get().line(),
                    ends.get().sql(), Layout.noTransactionMarker(layout));
        }
    }
}
