package dev.migrate.internal.liquibase;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Names and literals in the SQL Liquibase generates for PostgreSQL with its default (legacy) quoting: a name is
 * written as it is unless it mixes upper and lower case, has a character outside letters, digits and {@code _},
 * starts with a digit, or is a word PostgreSQL reserves; those are double-quoted. Strings are single-quoted with
 * quotes doubled.
 */
final class SqlNames {

    private static final Pattern WORD = Pattern.compile("\\w+");
    /** PostgreSQL's reserved key words (reserved, and reserved but allowed as function or type names). */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
            "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
            "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user",
            "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true",
            "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with");

    private SqlNames() {
    }

    /** A name as Liquibase writes it. */
    static String name(String name) {
        String trimmed = name.trim();
        boolean mixed = !trimmed.equals(trimmed.toLowerCase(Locale.ROOT)) && !trimmed.equals(trimmed.toUpperCase(
                Locale.ROOT));
        boolean quote = mixed || trimmed.contains("-") || (!trimmed.isEmpty() && Character.isDigit(trimmed.charAt(0)))
                || !WORD.matcher(trimmed).matches() || RESERVED.contains(trimmed.toLowerCase(Locale.ROOT));
        return quote ? '"' + trimmed.replace("\"", "\"\"") + '"' : trimmed;
    }

    /** {@code schema.name}, or the name alone when no schema is given. */
    static String qualified(ChangelogNode change, String schemaAttribute, String nameAttribute) {
        String object = name(change.attribute(nameAttribute).orElse(""));
        return change.attribute(schemaAttribute).filter(s -> !s.isBlank()).map(s -> name(s) + "." + object)
                .orElse(object);
    }

    /** A comma-separated list of names ({@code "c, d"}) as Liquibase writes it: each name, joined by ", ". */
    static String list(String names) {
        return Arrays.stream(names.split(",")).map(String::trim).filter(n -> !n.isEmpty()).map(SqlNames::name)
                .collect(Collectors.joining(", "));
    }

    /** A string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
