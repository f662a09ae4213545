package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * goose's substitution in {@code -- +goose ENVSUBST ON} sections, as the library goose uses does it: only the
 * braced forms {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:=default}} and
 * {@code ${NAME=default}}; a bare {@code $NAME} is text (so {@code $1} and {@code $$} stay as SQL needs them), and
 * an unset variable is empty. The string functions ({@code ${NAME^^}}, {@code ${NAME/a/b}}, ...) are refused by name.
 */
final class GooseEnvsubst {

    private static final Pattern BRACED = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern SUPPORTED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=])(.*))?", Pattern.DOTALL);

    private GooseEnvsubst() {
    }

    /** {@code line} (line {@code number} of {@code file}) with its variables replaced from {@code environment}. */
    static String substitute(String line, Map<String, String> environment, String file, int number) {
        Matcher braced = BRACED.matcher(line);
        StringBuilder out = new StringBuilder();
        while (braced.find()) {
            Matcher form = SUPPORTED.matcher(braced.group(1));
            if (!form.matches()) {
                throw InvalidMigrationException.badFile(file, "uses '" + braced.group() + "' on line " + number
                        + " in a '-- +goose ENVSUBST ON' section: migrate substitutes ${NAME} and ${NAME:-default} "
                        + "forms only. Compute the value before migrating and pass it as a variable of its own.");
            }
            String value = environment.get(form.group(1));
            String operator = form.group(2);
            if (operator != null && (value == null || operator.startsWith(":") && value.isEmpty())) {
                value = form.group(3);
            }
            braced.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        braced.appendTail(out);
        return out.toString();
    }
}
