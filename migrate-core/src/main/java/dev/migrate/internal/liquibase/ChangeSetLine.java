package dev.migrate.internal.liquibase;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code --changeset author:id attribute:value ...} line of a formatted SQL changelog says, read as
 * Liquibase 4.33.0 reads it: each attribute found anywhere on the line by its name and a colon, booleans true only
 * when written {@code true} (any case), ids and authors in double quotes when they hold spaces or colons.
 */
record ChangeSetLine(String id, String author, String path, int line, boolean runOnChange, boolean runAlways,
        boolean runInTransaction, boolean failOnError, boolean splitStatements, boolean stripComments,
        Optional<String> endDelimiter, Optional<String> context, Optional<String> labels, Optional<String> dbms,
        boolean ignore) {

    private static final int I = Pattern.CASE_INSENSITIVE;
    static final Pattern LOGICAL_FILE_PATH = Pattern.compile(".*logicalFilePath:(\\S*).*", I);
    private static final Pattern RUN_ON_CHANGE = Pattern.compile(".*runOnChange:(\\w+).*", I);
    private static final Pattern RUN_ALWAYS = Pattern.compile(".*runAlways:(\\w+).*", I);
    private static final Pattern RUN_IN_TRANSACTION = Pattern.compile(".*runInTransaction:(\\w+).*", I);
    private static final Pattern FAIL_ON_ERROR = Pattern.compile(".*failOnError:(\\w+).*", I);
    private static final Pattern SPLIT_STATEMENTS = Pattern.compile(".*splitStatements:(\\w+).*", I);
    private static final Pattern STRIP_COMMENTS = Pattern.compile(".*stripComments:(\\w+).*", I);
    private static final Pattern END_DELIMITER = Pattern.compile(".*\\bendDelimiter:(\\S*).*", I);
    private static final Pattern CONTEXT = Pattern.compile(".*context:(\".*?\"|\\S*).*", I);
    private static final Pattern CONTEXT_FILTER = Pattern.compile(".*contextFilter:(\".*?\"|\\S*).*", I);
    private static final Pattern LABELS = Pattern.compile(".*labels:(\".*?\"|\\S*).*", I);
    static final Pattern DBMS = Pattern.compile(".*dbms:([^,][\\w!,]+).*", I);
    private static final Pattern IGNORE = Pattern.compile(".*ignore:(\\w*).*", I);

    /**
     * @param changeSet the line matched by the changeset pattern: group 1 the author, group 2 the id
     * @param path the changelog's logical path, unless the line gives its own
     */
    static ChangeSetLine read(String line, Matcher changeSet, int number, String path, ChangelogParameters parameters,
            FormattedSqlChangelog changelog) {
        String authorGroup = changeSet.group(1);
        String idGroup = changeSet.group(2);
        // "author: id" (a space after the colon) is not read as author and id, as in Liquibase
        if (!Pattern.compile("\\s*--[\\s]*changeset\\s+" + Pattern.quote(authorGroup + ":" + idGroup) + ".*$", I)
                .matcher(line).matches()) {
            throw changelog.expected(number, "--changeset <authorname>:<changesetId>");
        }
        String id = parameters.expand(unquoted(idGroup));
        if (id.replace(":", "").replace(" ", "").isEmpty()) {
            throw changelog.refused(number, "has a changeset without an id, which Liquibase refuses; write it as "
                    + "'--changeset <authorname>:<changesetId>'");
        }
        String author = parameters.expand(unquoted(authorGroup));
        String context = group(CONTEXT_FILTER, line);
        if (context == null || context.isEmpty()) {
            context = group(CONTEXT, line);
        }
        String logical = group(LOGICAL_FILE_PATH, line);
        String recorded = LiquibasePaths.normalize(parameters.expand(logical == null || logical.isEmpty() ? path
                : logical));
        return new ChangeSetLine(id, author, recorded, number, bool(RUN_ON_CHANGE, line, false),
                bool(RUN_ALWAYS, line, false), bool(RUN_IN_TRANSACTION, line, true), bool(FAIL_ON_ERROR, line, true),
                bool(SPLIT_STATEMENTS, line, true), bool(STRIP_COMMENTS, line, true),
                Optional.ofNullable(group(END_DELIMITER, line)),
                Optional.ofNullable(context).map(ChangeSetLine::unquoted).map(parameters::expand),
                Optional.ofNullable(group(LABELS, line)).map(ChangeSetLine::unquoted).map(parameters::expand),
                Optional.ofNullable(group(DBMS, line)).map(parameters::expand),
                Boolean.parseBoolean(parameters.expand(group(IGNORE, line))));
    }

    /** Group 1 of {@code pattern} over the whole line, or null when it does not match. */
    static String group(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static boolean bool(Pattern pattern, String line, boolean otherwise) {
        String value = group(pattern, line);
        return value == null ? otherwise : Boolean.parseBoolean(value);
    }

    /** Whether a {@code dbms} list takes in PostgreSQL: it names it (or {@code all}) and does not exclude it. */
    static boolean forPostgres(String dbms) {
        boolean included = false;
        boolean anyIncluded = false;
        for (String name : dbms.split(",")) {
            String trimmed = name.trim().toLowerCase(java.util.Locale.ROOT);
            if (trimmed.equals("!postgresql")) {
                return false;
            }
            if (!trimmed.startsWith("!") && !trimmed.isEmpty()) {
                anyIncluded = true;
                included |= trimmed.equals("postgresql") || trimmed.equals("all");
            }
        }
        return included || !anyIncluded;
    }

    /** Without the double or single quotes that enclose it, if they do. */
    private static String unquoted(String text) {
        boolean quoted = text.length() > 1 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                && text.charAt(0) == text.charAt(text.length() - 1);
        return quoted ? text.substring(1, text.length() - 1) : text;
    }
}
