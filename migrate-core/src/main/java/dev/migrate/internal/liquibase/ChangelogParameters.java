package dev.migrate.internal.liquibase;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A changelog's parameters and how {@code ${name}} is expanded with them, as Liquibase 4.33.0 does by default: a
 * parameter once defined keeps its first value (those given to the run come before the changelog's
 * {@code property} definitions); a value may use other parameters; an unknown name is left as it is written.
 * Names match whatever their case.
 */
public final class ChangelogParameters {

    /** How deep values naming other parameters are followed. */
    private static final int MOST_NESTED = 32;

    private final Map<String, String> values;

    ChangelogParameters(Map<String, String> given) {
        this.values = new LinkedHashMap<>();
        given.forEach(this::define);
    }

    /**
     * The parameters of a run as Liquibase orders them: the process's environment, then its system properties,
     * then {@code given}; the changelog's own definitions come after these.
     */
    public static Map<String, String> ofRun(Map<String, String> given) {
        Map<String, String> all = new LinkedHashMap<>(System.getenv());
        System.getProperties().forEach((name, value) -> all.putIfAbsent(String.valueOf(name), String.valueOf(value)));
        given.forEach(all::putIfAbsent);
        return all;
    }

    /** Defines {@code name} unless it already has a value; names are the same whatever their case, as in Liquibase. */
    void define(String name, String value) {
        values.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
    }

    /** The parameters defined so far, by name in lower case: for a changelog an XML changelog includes. */
    Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** {@code text} with every {@code ${name}} of a known parameter replaced by its (expanded) value. */
    String expand(String text) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        return expand(text, new int[] {0}, false, 0);
    }

    /**
     * Reads from {@code at[0]}: plain text, or, inside an expression, up to its closing brace; an expression that
     * never closes is kept as written.
     */
    private String expand(String text, int[] at, boolean inExpression, int depth) {
        StringBuilder out = new StringBuilder();
        while (at[0] < text.length()) {
            char c = text.charAt(at[0]++);
            if (c == '$' && at[0] < text.length() && text.charAt(at[0]) == '{') {
                at[0]++;
                String expression = expand(text, at, true, depth);
                if (expression.startsWith("${")) {
                    out.append(expression); // not closed: as written
                } else {
                    String value = values.get(expression.trim().toLowerCase(Locale.ROOT));
                    // a value naming itself, directly or not, stays as written rather than recurse for ever
                    boolean known = value != null && depth < MOST_NESTED;
                    out.append(known ? expand(value, new int[] {0}, false, depth + 1) : "${" + expression + "}");
                }
            } else if (c == '}' && inExpression) {
                return out.toString();
            } else {
                out.append(c);
            }
        }
        return inExpression ? "${" + out : out.toString();
    }
}
