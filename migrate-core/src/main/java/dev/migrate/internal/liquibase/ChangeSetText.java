package dev.migrate.internal.liquibase;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of one changeset of a formatted SQL changelog after its {@code --changeset} line, sorted as Liquibase
 * 4.33.0 sorts them: metadata lines ({@code --comment}, {@code --validCheckSum}, {@code --rollback}, a rollback
 * block, {@code --preconditions}, {@code --precondition-*}), the misspellings of those it refuses, and SQL.
 */
final class ChangeSetText {

    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final Pattern COMMENT = Pattern.compile("--[\\s]*comment:? (.*)", I);
    private static final Pattern COMMENT_MISWRITTEN = Pattern.compile("(-[\\s]*comment:? (.*)|--[\\s]*comments:? (.*))",
            I);
    private static final Pattern VALID_CHECK_SUM = Pattern.compile("--[\\s]*validCheckSum:? (.*)", I);
    private static final Pattern VALID_CHECK_SUM_MISWRITTEN = Pattern.compile("^-[\\s]*validCheckSum(.*)$", I);
    private static final Pattern ROLLBACK = Pattern.compile("\\s*--[\\s]*rollback (.*)", I);
    private static final Pattern ROLLBACK_MISWRITTEN = Pattern.compile("\\s*-[\\s]*rollback\\s.*", I);
    private static final Pattern ROLLBACK_BLOCK = Pattern.compile("\\s*/\\*\\s*liquibase\\s*rollback\\s*$", I);
    private static final Pattern ROLLBACK_BLOCK_END = Pattern.compile(".*\\s*\\*/\\s*$", I);
    private static final Pattern PRECONDITIONS = Pattern.compile("\\s*--[\\s]*preconditions(.*)", I);
    private static final Pattern PRECONDITIONS_MISWRITTEN = Pattern.compile("\\s*-[\\s]*preconditions\\s.*", I);
    private static final Pattern PRECONDITION = Pattern.compile("\\s*--[\\s]*precondition\\-([a-zA-Z0-9-]+) (.*)", I);
    private static final Pattern PRECONDITION_MISWRITTEN = Pattern.compile("\\s*-[\\s]*precondition(.*)", I);
    private static final Pattern PRECONDITION_EMPTY = Pattern.compile("\\s*--[\\s]*precondition\\-([a-zA-Z0-9-]+)", I);

    private final ChangeSetLine head;
    private final StringBuilder sql = new StringBuilder();
    private final StringBuilder rollback = new StringBuilder();
    private final List<String> validCheckSums = new ArrayList<>();
    private final FormattedPreconditions preconditions = new FormattedPreconditions();
    private String comment;

    ChangeSetText(ChangeSetLine head) {
        this.head = head;
    }

    /** Takes one line of the changeset; a rollback block reads on from {@code lines} to its end. */
    void add(String line, int number, Iterator<String> lines, ChangelogParameters parameters,
            FormattedSqlChangelog changelog) {
        Matcher matcher;
        if ((matcher = COMMENT.matcher(line)).matches()) {
            comment = matcher.group(1);
        } else if (COMMENT_MISWRITTEN.matcher(line).matches()) {
            throw changelog.expected(number, "--comment <comment>");
        } else if ((matcher = VALID_CHECK_SUM.matcher(line)).matches()) {
            validCheckSums.add(matcher.group(1));
        } else if (VALID_CHECK_SUM_MISWRITTEN.matcher(line).matches()) {
            throw changelog.expected(number, "--validChecksum <checksum>");
        } else if ((matcher = ROLLBACK.matcher(line)).matches()) {
            rollback.append(matcher.group(1)).append('\n');
        } else if (ROLLBACK_MISWRITTEN.matcher(line).matches()) {
            throw changelog.expected(number, "--rollback <rollback SQL>");
        } else if (ROLLBACK_BLOCK.matcher(line).matches()) {
            rollbackBlock(lines, number, changelog);
        } else if ((matcher = PRECONDITIONS.matcher(line)).matches()) {
            preconditions.options(matcher.group(1), number, changelog);
        } else if ((matcher = PRECONDITION.matcher(line)).matches()) {
            preconditions.check(matcher.group(1), matcher.group(2), number, parameters, changelog);
        } else if (PRECONDITIONS_MISWRITTEN.matcher(line).matches()) {
            throw changelog.expected(number, "--preconditions <onFail>|<onError>|<onUpdate>");
        } else if (PRECONDITION_MISWRITTEN.matcher(line).matches()) {
            throw changelog.expected(number, "--precondition-sql-check");
        } else if ((matcher = PRECONDITION_EMPTY.matcher(line)).matches()) {
            throw changelog.refused(number, "has the precondition " + matcher.group(1) + " without its parameters, "
                    + "which Liquibase refuses");
        } else {
            sql.append(line).append('\n');
        }
    }

    /**
     * A {@code /* liquibase rollback} block up to the line that ends with the comment's close: its lines are joined
     * with nothing between them, as Liquibase joins them (so a statement split over lines needs its spaces).
     */
    private void rollbackBlock(Iterator<String> lines, int number, FormattedSqlChangelog changelog) {
        while (lines.hasNext()) {
            String line = lines.next();
            if (ROLLBACK_BLOCK_END.matcher(line).matches()) {
                String before = line.split("\\*/\\s*$", -1)[0];
                if (!before.isBlank()) {
                    rollback.append(before);
                }
                return;
            }
            rollback.append(line);
        }
        throw changelog.refused(number, "opens a rollback block that is never closed, which Liquibase refuses; end it "
                + "with */");
    }

    /** The changeset, its SQL and rollback trimmed and expanded, and trimmed again, as Liquibase does. */
    LiquibaseChangeSet build(ChangelogParameters parameters, FormattedSqlChangelog changelog) {
        String body = parameters.expand(sql.toString().trim()).trim();
        if (body.isEmpty()) {
            throw changelog.refused(head.line(), "starts changeset " + head.author() + ":" + head.id() + ", which has "
                    + "no SQL; Liquibase refuses a changeset without SQL");
        }
        String undo = rollback.toString();
        Optional<String> rolledBack = Optional.empty();
        if (!undo.isBlank()) {
            String lower = undo.trim().toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("not required") || lower.startsWith("empty")) {
                rolledBack = Optional.of(LiquibaseChangeSet.EMPTY_ROLLBACK);
            } else if (lower.contains("changesetid")) {
                throw changelog.refused(head.line(), "has a rollback that names another changeset "
                        + "(changeSetId:...), which migrate does not run yet; write the rollback SQL out");
            } else {
                rolledBack = Optional.of(parameters.expand(undo).trim());
            }
        }
        return new LiquibaseChangeSet(head.id(), head.author(), head.path(), head.line(), head.runOnChange(),
                head.runAlways(), head.runInTransaction(), head.failOnError(), head.splitStatements(),
                head.stripComments(), head.endDelimiter(), head.context(), head.labels(), head.dbms(), head.ignore(),
                Optional.ofNullable(comment), validCheckSums, preconditions.read(), body, rolledBack, List.of());
    }
}
