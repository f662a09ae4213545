package dev.migrate.internal.liquibase;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase's context and label expressions, evaluated against a set of names by Liquibase 4.33.0's rules: a
 * parenthesised part is worked out first; commas and {@code or} join alternatives, {@code and} binds tighter; a
 * name is negated by {@code !} or {@code not }; {@code @name} is required (it fails when no names are given, where
 * a plain name passes); names compare without regard to case. Against no names, an expression without {@code @}
 * holds: Liquibase runs everything when no contexts or labels are given.
 */
final class LiquibaseExpression {

    private static final Pattern INNERMOST = Pattern.compile("\\(([^()]+)\\)");
    /** {@code @!name}: negated, and (as Liquibase reads it) no longer required. */
    private static final Pattern REQUIRED_NOT = Pattern.compile("@\\s*(?:!|not )(.+)", Pattern.DOTALL);

    private LiquibaseExpression() {
    }

    static boolean holds(String expression, Collection<String> names) {
        String text = expression == null ? "" : expression.trim();
        if (text.equals(":TRUE") || text.equals(":FALSE")) {
            return text.equals(":TRUE");
        }
        while (text.contains("(")) {
            Matcher inner = INNERMOST.matcher(text);
            if (!inner.find()) {
                return false; // unbalanced: Liquibase cannot read it either, and runs nothing for it
            }
            boolean value = holds(inner.group(1), names);
            text = text.substring(0, inner.start()) + " :" + (value ? "TRUE" : "FALSE") + " " + text.substring(inner.end());
        }
        text = text.replaceAll("\\s*,\\s*", " or ");
        String[] alternatives = text.split("\\s+or\\s+");
        if (alternatives.length > 1) {
            for (String alternative : alternatives) {
                if (holds(alternative, names)) {
                    return true;
                }
            }
            return false;
        }
        String[] all = text.split("\\s+and\\s+");
        if (all.length > 1) {
            for (String part : all) {
                if (!holds(part, names)) {
                    return false;
                }
            }
            return true;
        }
        return name(text, names);
    }

    /** One name, perhaps negated or required. */
    private static boolean name(String text, Collection<String> names) {
        boolean negated = false;
        String name = text;
        if (name.startsWith("!")) {
            negated = true;
            name = name.substring(1).trim();
        } else if (name.toLowerCase(java.util.Locale.ROOT).startsWith("not ")) {
            negated = true;
            name = name.substring(4).trim();
        } else {
            Matcher requiredNot = REQUIRED_NOT.matcher(name);
            if (requiredNot.matches()) {
                negated = true;
                name = requiredNot.group(1).trim();
            }
        }
        boolean required = name.startsWith("@");
        if (required) {
            name = name.substring(1).trim();
        }
        if (!required && names.isEmpty()) {
            return true;
        }
        if (name.trim().equals(":TRUE") || name.trim().equals(":FALSE")) {
            return name.trim().equals(":TRUE") != negated;
        }
        for (String given : names) {
            String plain = given.startsWith("@") ? given.substring(1).trim() : given;
            if (plain.equalsIgnoreCase(name)) {
                return !negated;
            }
        }
        return negated;
    }
}
