package dev.migrate.internal.lint;

import dev.migrate.LintFinding;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.internal.source.Layout;
import dev.migrate.internal.sql.SqlSplitter;
import dev.migrate.internal.sql.TransactionControl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints migration scripts statement by statement against {@link Rules}. A finding is suppressed by a comment on
 * the statement or in the comment lines right above it: {@code -- migrate:lint-ignore <rule> <reason>}.
 */
public final class Linter {

    private static final Pattern CREATE_TABLE = Pattern.compile("^create (?:unlogged |temp |temporary )?table "
            + "(?:if not exists )?([\\w.\"]+).*");
    private static final Pattern IGNORE = Pattern.compile("--\\s*migrate:lint-ignore\\s+([\\w-]+)");

    private Linter() {
    }

    /** Every finding in the migrations' up scripts, in order, the migrations being the whole folder. */
    public static List<LintFinding> lint(List<Migration> migrations, int serverVersion) {
        return lint(migrations, migrations, serverVersion);
    }

    /**
     * Every finding in the up scripts of {@code migrations}, in order, out of {@code folder}'s. A migration without a
     * down script is a finding only where the folder has some down scripts: a folder with none keeps a convention.
     */
    public static List<LintFinding> lint(List<Migration> migrations, List<Migration> folder, int serverVersion) {
        List<LintFinding> findings = new ArrayList<>();
        boolean hasDowns = folder.stream().anyMatch(migration -> migration.down().isPresent());
        for (Migration migration : migrations) {
            Script script = migration.up();
            if (script.code().isPresent()) {
                continue;
            }
            lint(script, serverVersion, findings);
            if (hasDowns && migration.down().isEmpty() && Layout.hasDownScripts(migration.layout())) {
                findings.add(new LintFinding("missing-down-script", LintFinding.Severity.WARNING, script.name(), 1,
                        "", "Migration " + migration.label() + " cannot be rolled back: it has no down script.",
                        Layout.downScriptAdvice(migration.layout()) + "."));
            }
        }
        return findings;
    }

    private static void lint(Script script, int serverVersion, List<LintFinding> findings) {
        String sql = script.sql();
        String[] lines = sql.split("\n", -1);
        Set<String> created = new HashSet<>();
        Set<String> altered = new HashSet<>();
        TransactionControl.of(sql).endsTransaction().ifPresent(s -> findings.add(script.transactional()
                ? new LintFinding("transaction-statement", LintFinding.Severity.ERROR, script.name(), s.line(),
                        firstLine(s.sql()), "The script ends its own transaction (COMMIT, ROLLBACK) inside the one "
                                + "migrate runs it in, so it is not applied together with its history row.",
                        "Remove it, or run the script without a transaction.")
                : new LintFinding("transaction-statement", LintFinding.Severity.WARNING, script.name(), s.line(),
                        firstLine(s.sql()), "The script ends transactions itself, so it runs without a transaction of "
                                + "migrate's, statement by statement: a failure part-way leaves what its committed "
                                + "blocks did, and the version dirty.",
                        "Keep each block safe to find done, or put the work in one transaction.")));
        List<SqlSplitter.Statement> statements = SqlSplitter.split(sql);
        if (statements.size() > 1) {
            statements.stream().filter(s -> normalise(s.sql()).matches("^(create|drop)( unique)? index concurrently.*"
                    + "|^reindex .*\\bconcurrently\\b.*")).findFirst().ifPresent(s -> findings.add(new LintFinding(
                    "concurrently-with-others", LintFinding.Severity.WARNING, script.name(), s.line(), firstLine(s.sql()),
                    "A CONCURRENTLY statement makes the whole script run statement by statement without a transaction, "
                            + "so a failure part-way leaves the statements before it applied (and the version dirty).",
                    "Put the CONCURRENTLY statement in a migration of its own.")));
        }
        for (SqlSplitter.Statement statement : statements) {
            String text = normalise(statement.sql());
            Checked checked = new Checked(text, created, altered, script.transactional(), serverVersion);
            Set<String> ignored = ignored(lines, statement);
            for (Rule rule : Rules.ALL) {
                if (!ignored.contains(rule.id()) && rule.flags().test(checked)) {
                    findings.add(new LintFinding(rule.id(), rule.severity(), script.name(), statement.line(),
                            firstLine(statement.sql()), rule.problem(), rule.fix()));
                }
            }
            Matcher table = CREATE_TABLE.matcher(text);
            if (table.matches()) {
                created.add(Checked.bare(table.group(1)));
            }
            Matcher alter = Rules.ALTER.matcher(text);
            if (alter.matches() && !checked.isNew(alter.group(1))) {
                altered.add(Checked.bare(alter.group(1)));
            }
        }
    }

    /** The rules a statement's own comments and the comment lines right above it suppress. */
    static Set<String> ignored(String[] lines, SqlSplitter.Statement statement) {
        Set<String> rules = new HashSet<>();
        Matcher own = IGNORE.matcher(statement.sql());
        while (own.find()) {
            rules.add(own.group(1));
        }
        for (int i = statement.line() - 2; i >= 0 && lines[i].strip().startsWith("--"); i--) {
            Matcher above = IGNORE.matcher(lines[i]);
            if (above.find()) {
                rules.add(above.group(1));
            }
        }
        return rules;
    }

    /** Lower case, comments dropped, whitespace collapsed, no final semicolon. */
    static String normalise(String sql) {
        String text = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ");
        text = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1).strip() : text;
    }

    /** The statement's first line that is not a comment, as a finding quotes it. */
    static String firstLine(String sql) {
        for (String line : sql.strip().split("\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && !stripped.startsWith("--")) {
                return stripped;
            }
        }
        return sql.strip();
    }
}
