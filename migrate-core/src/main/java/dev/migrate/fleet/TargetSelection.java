package dev.migrate.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * Which schemas or databases a fleet is, as a user writes it: comma-separated names and LIKE patterns
 * ({@code tenant_%,billing}), or a query whose first column gives them. An entry with {@code %} is a LIKE pattern
 * ({@code _} then matches any one character, as in LIKE); any other entry is a name, matched exactly, and must
 * exist.
 *
 * @param kind schemas or databases
 * @param patterns the LIKE patterns, empty for a query
 * @param names the exact names, empty for a query
 * @param query the query, or {@code null}
 */
public record TargetSelection(Target.Kind kind, List<String> patterns, List<String> names, String query) {

    public TargetSelection {
        patterns = List.copyOf(patterns);
        names = List.copyOf(names);
        if (query == null && patterns.isEmpty() && names.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs its " + plural(kind) + ": names or LIKE patterns, "
                    + "comma-separated, or a query");
        }
    }

    /** {@code tenant_%,billing}: names and LIKE patterns, comma-separated. */
    public static TargetSelection of(Target.Kind kind, String list) {
        List<String> patterns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String entry : list.split(",")) {
            String item = entry.strip();
            if (!item.isEmpty()) {
                (item.contains("%") ? patterns : names).add(item);
            }
        }
        return new TargetSelection(kind, patterns, names, null);
    }

    /** The {@code kind} the first column of {@code query}'s rows names, in the order the query gives them. */
    public static TargetSelection byQuery(Target.Kind kind, String query) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("the query that lists the fleet's " + plural(kind) + " is empty");
        }
        return new TargetSelection(kind, List.of(), List.of(), query);
    }

    static String plural(Target.Kind kind) {
        return kind == Target.Kind.SCHEMA ? "schemas" : "databases";
    }
}
