package dev.migrate;

import java.util.List;

/**
 * What {@link Migrator#clean()} dropped: every object of {@code schema} (tables, views, sequences, routines, types,
 * domains and the extensions installed there, the history tables included), named as dropped, in order.
 * {@code remaining} names what is still there (kinds of objects clean does not drop, such as operators), so that
 * nothing is claimed that did not happen.
 */
public record CleanResult(String schema, List<String> dropped, List<String> remaining) {

    public CleanResult {
        dropped = List.copyOf(dropped);
        remaining = List.copyOf(remaining);
    }
}
