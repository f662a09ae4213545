package dev.migrate.internal.liquibase;

import dev.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Liquibase formatted SQL changelog ({@code --liquibase formatted sql} first) into its changesets, by the
 * rules of Liquibase 4.33.0's parser, so that ids, authors, attributes, SQL and so checksums come out as Liquibase's:
 * {@code --property} lines define parameters; {@code --ignoreLines:start}/{@code end} or a count skip lines; a
 * {@code --changeset author:id} line starts a changeset and carries its attributes; inside one, {@code --comment},
 * {@code --validCheckSum}, {@code --rollback} (and a {@code /* liquibase rollback ... *}{@code /} block), and
 * {@code --preconditions}/{@code --precondition-*} lines are its metadata, and every other line is its SQL. The
 * misspellings Liquibase refuses ({@code -changeset}, {@code --changeset} without {@code author:id}, ...) are
 * refused here too, naming the file and the line.
 */
public final class FormattedSqlChangelog {

    private static final int I = Pattern.CASE_INSENSITIVE;
    static final Pattern HEADER = Pattern.compile("\\s*--\\s*liquibase\\s*formatted.*", I);
    private static final Pattern PROPERTY = Pattern.compile("\\s*--[\\s]*property\\s+(.*:.*)\\s+(.*:.*).*", I);
    private static final Pattern PROPERTY_MISWRITTEN = Pattern.compile("\\s*?-+\\s*property\\s.*", I);
    private static final Pattern IGNORE_LINES = Pattern.compile("--[\\s]*ignoreLines:(\\w+)", I);
    private static final Pattern IGNORE_LINES_ONE_DASH = Pattern.compile("-[\\s]*?ignoreLines:(\\w+).*$", I);
    private static final Pattern IGNORE_WORD = Pattern.compile("--[\\s]*ignore:(\\w+)", I);
    private static final Pattern CHANGE_SET = Pattern.compile(
            "\\s*--[\\s]*changeset\\s+(\"[^\"]+\"|[^:]+):\\s*(\"[^\"]+\"|\\S+).*", I);
    private static final Pattern CHANGE_SET_MISWRITTEN = Pattern.compile(
            "(-[\\s]*changeset\\s.*|\\s*--[\\s]*changeset[\\s]*.*)", I);
    private static final Pattern COMMENT = Pattern.compile("--[\\s]*comment:? (.*)", I);
    private static final Pattern NAME = Pattern.compile(".*name:\\s*(\\S++).*", I);
    private static final Pattern VALUE = Pattern.compile(".*value:\\s*(\\S+).*", I);

    private final String file;
    private final String path;
    private final ChangelogParameters parameters;
    private final List<LiquibaseChangeSet> changeSets = new ArrayList<>();

    private FormattedSqlChangelog(String file, String path, Map<String, String> parameters) {
        this.file = file;
        this.path = path;
        this.parameters = new ChangelogParameters(parameters);
    }

    /** Whether {@code text} is a formatted SQL changelog: its first line that is not blank says so. */
    public static boolean isOne(String text) {
        return withoutBom(text).lines().filter(line -> !line.isBlank()).findFirst()
                .map(line -> HEADER.matcher(line).matches()).orElse(false);
    }

    /**
     * The changesets of {@code text}, in order.
     *
     * @param file the changelog as messages name it
     * @param path its path as Liquibase records it ({@code databasechangelog.filename}), unless its header or a
     *     changeset gives a {@code logicalFilePath}
     * @param parameters the parameters given to the run; a {@code --property} of the same name does not replace one
     */
    public static List<LiquibaseChangeSet> read(String file, String path, String text, Map<String, String> parameters) {
        FormattedSqlChangelog changelog = new FormattedSqlChangelog(file, path, parameters);
        changelog.read(withoutBom(text).lines().iterator());
        return List.copyOf(changelog.changeSets);
    }

    /** The text without a byte order mark before it, which Liquibase reads past. */
    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private void read(Iterator<String> lines) {
        int number = 0;
        boolean header = false;
        String logicalPath = null;
        ChangeSetText current = null;
        while (lines.hasNext()) {
            String line = lines.next();
            number++;
            boolean isHeader = HEADER.matcher(line).matches();
            if (header && isHeader) {
                throw refused(number, "is a second formatted SQL header ('--liquibase formatted sql'), which "
                        + "Liquibase refuses; remove it");
            }
            if (PROPERTY.matcher(line).matches()) {
                property(line);
                continue;
            } else if (PROPERTY_MISWRITTEN.matcher(line).matches()) {
                throw expected(number, "--property name=<property name> value=<property value>");
            }
            if (isHeader) {
                header = true;
                logicalPath = ChangeSetLine.group(ChangeSetLine.LOGICAL_FILE_PATH, line);
            }
            Matcher ignore = IGNORE_LINES.matcher(line);
            if (ignore.matches()) {
                number = skip(lines, number, ignore.group(1));
                continue;
            } else if (IGNORE_LINES_ONE_DASH.matcher(line).matches() || IGNORE_WORD.matcher(line).matches()) {
                throw expected(number, "--ignoreLines:<count|start>");
            }
            Matcher changeSet = CHANGE_SET.matcher(line);
            if (changeSet.matches()) {
                finish(current);
                current = new ChangeSetText(ChangeSetLine.read(line, changeSet, number, logicalPath == null ? path
                        : logicalPath, parameters, this));
            } else if (CHANGE_SET_MISWRITTEN.matcher(line).matches()) {
                throw expected(number, "--changeset <authorname>:<changesetId>");
            } else if (current != null) {
                current.add(line, number, lines, parameters, this);
            } else if (COMMENT.matcher(line).matches()) {
                throw refused(number, "is a --comment outside any changeset, which Liquibase refuses; move it under "
                        + "the --changeset it describes");
            }
        }
        finish(current);
    }

    /**
     * Ends the changeset being read. One with no SQL is refused, at the end of the file too (where Liquibase would
     * give it the SQL of the changeset before it).
     */
    private void finish(ChangeSetText current) {
        if (current != null) {
            changeSets.add(current.build(parameters, this));
        }
    }

    private void property(String line) {
        String name = ChangeSetLine.group(NAME, line);
        String value = ChangeSetLine.group(VALUE, line);
        String dbms = ChangeSetLine.group(ChangeSetLine.DBMS, line);
        if (name == null || dbms != null && !ChangeSetLine.forPostgres(dbms.trim())) {
            return;
        }
        parameters.define(parameters.expand(name), parameters.expand(value));
    }

    private int skip(Iterator<String> lines, int number, String how) {
        if (how.equals("start")) {
            while (lines.hasNext()) {
                String line = lines.next();
                number++;
                Matcher end = IGNORE_LINES.matcher(line);
                if (end.matches() && end.group(1).equals("end")) {
                    return number;
                } else if (IGNORE_LINES_ONE_DASH.matcher(line).matches()) {
                    throw expected(number, "--ignoreLines:end");
                }
            }
            return number;
        }
        long count;
        try {
            count = Long.parseLong(how);
        } catch (NumberFormatException e) {
            throw refused(number, "has --ignoreLines:" + how + ", which Liquibase does not read; give a count of lines "
                    + "or 'start' (and later '--ignoreLines:end')");
        }
        for (; count > 0 && lines.hasNext(); count--) {
            lines.next();
            number++;
        }
        return number;
    }

    InvalidMigrationException expected(int line, String form) {
        return refused(line, "is not in a form Liquibase's formatted SQL reads; write it as '" + form + "'");
    }

    InvalidMigrationException refused(int line, String problem) {
        return InvalidMigrationException.changelogLine(file, line, problem);
    }
}
