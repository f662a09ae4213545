package dev.migrate.internal.liquibase;

import java.util.List;
import java.util.Map;

/**
 * A changeset's preconditions: what to do when one fails ({@code onFail}) or cannot be checked ({@code onError}),
 * each {@code HALT} (the default), {@code CONTINUE}, {@code MARK_RAN} or {@code WARN}, and the checks, all of which
 * must hold. A check is Liquibase's: its type as Liquibase's XML names it ({@code sqlCheck}, {@code tableExists},
 * {@code viewExists}, ... {@code and}, {@code or}, {@code not}), its attributes, its text (an {@code sqlCheck}'s
 * query) and the checks nested in it.
 */
public record LiquibasePreconditions(String onFail, String onError, List<Check> checks) {

    /** The answers {@code onFail} and {@code onError} may give. */
    public static final List<String> OPTIONS = List.of("HALT", "CONTINUE", "MARK_RAN", "WARN");

    public LiquibasePreconditions {
        checks = List.copyOf(checks);
    }

    /** One check; {@code text} is empty where the check has none. */
    public record Check(String type, Map<String, String> attributes, String text, List<Check> nested) {

        public Check {
            attributes = Map.copyOf(attributes);
            nested = List.copyOf(nested);
        }
    }
}
