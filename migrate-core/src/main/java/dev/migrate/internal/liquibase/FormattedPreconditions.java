package dev.migrate.internal.liquibase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preconditions of a formatted SQL changeset, as Liquibase 4.33.0 reads them: {@code --preconditions
 * onFail:... onError:...} and, each adding a check, {@code --precondition-sql-check expectedResult:<value> <query>}
 * (the value a word, or quoted), {@code --precondition-table-exists table:<name> [schema:<name>]} and
 * {@code --precondition-view-exists view:<name> [schema:<name>]}; no other type.
 */
final class FormattedPreconditions {

    private static final int I = Pattern.CASE_INSENSITIVE;
    private static final Pattern ON_FAIL = Pattern.compile(".*onFail:(\\w+).*", I);
    private static final Pattern ON_ERROR = Pattern.compile(".*onError:(\\w+).*", I);
    private static final List<Pattern> EXPECTED_AND_QUERY = List.of(
            Pattern.compile("^(?:expectedResult:)?(\\w+) (.*)", I | Pattern.DOTALL),
            Pattern.compile("^(?:expectedResult:)?'([^']+)' (.*)", I | Pattern.DOTALL),
            Pattern.compile("^(?:expectedResult:)?\"([^\"]+)\" (.*)", I | Pattern.DOTALL));
    private static final Pattern TABLE = Pattern.compile(".*table:(\\w+).*", I);
    private static final Pattern VIEW = Pattern.compile(".*view:(\\w+).*", I);
    private static final Pattern SCHEMA = Pattern.compile(".*schema:(\\w+).*", I);

    private boolean any;
    private String onFail = "HALT";
    private String onError = "HALT";
    private final List<LiquibasePreconditions.Check> checks = new ArrayList<>();

    /** A {@code --preconditions} line's options; a later line's replace an earlier one's. */
    void options(String body, int line, FormattedSqlChangelog changelog) {
        any = true;
        onFail = option(ChangeSetLine.group(ON_FAIL, body), "onFail", line, changelog);
        onError = option(ChangeSetLine.group(ON_ERROR, body), "onError", line, changelog);
    }

    private static String option(String value, String name, int line, FormattedSqlChangelog changelog) {
        if (value == null) {
            return "HALT";
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!LiquibasePreconditions.OPTIONS.contains(upper)) {
            throw changelog.refused(line, "has " + name + ":" + value + ", which Liquibase does not know; give one of "
                    + String.join(", ", LiquibasePreconditions.OPTIONS));
        }
        return upper;
    }

    /** A {@code --precondition-<type> <body>} line's check. */
    void check(String type, String rawBody, int line, ChangelogParameters parameters, FormattedSqlChangelog changelog) {
        any = true;
        String body = parameters.expand(rawBody.trim());
        switch (type) {
            case "sql-check" -> checks.add(sqlCheck(body, line, changelog));
            case "table-exists" -> checks.add(exists("tableExists", "tableName", TABLE, body, line, changelog));
            case "view-exists" -> checks.add(exists("viewExists", "viewName", VIEW, body, line, changelog));
            default -> throw changelog.refused(line, "has the precondition '" + type + "', a type Liquibase's "
                    + "formatted SQL does not support (sql-check, table-exists and view-exists are)");
        }
    }

    private static LiquibasePreconditions.Check sqlCheck(String body, int line, FormattedSqlChangelog changelog) {
        for (Pattern pattern : EXPECTED_AND_QUERY) {
            Matcher matcher = pattern.matcher(body);
            if (matcher.matches()) {
                return new LiquibasePreconditions.Check("sqlCheck", Map.of("expectedResult", matcher.group(1)),
                        matcher.group(2), List.of());
            }
        }
        throw changelog.refused(line, "has an sql-check precondition Liquibase cannot read; write it as "
                + "'--precondition-sql-check expectedResult:<value> <query>'");
    }

    private static LiquibasePreconditions.Check exists(String type, String nameAttribute, Pattern name, String body,
            int line, FormattedSqlChangelog changelog) {
        String found = ChangeSetLine.group(name, body);
        if (found == null) {
            throw changelog.refused(line, "has a " + type + " precondition without the name of what must exist, "
                    + "which Liquibase refuses");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(nameAttribute, found);
        Optional.ofNullable(ChangeSetLine.group(SCHEMA, body)).ifPresent(schema -> attributes.put("schemaName",
                schema));
        return new LiquibasePreconditions.Check(type, attributes, "", List.of());
    }

    /** The preconditions read, if the changeset has any. */
    Optional<LiquibasePreconditions> read() {
        return any ? Optional.of(new LiquibasePreconditions(onFail, onError, checks)) : Optional.empty();
    }
}
