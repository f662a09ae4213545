package dev.migrate.internal.source;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was read last of the migration files (their bytes, their text, a script's text), up to {@link #BUDGET}
 * bytes in all. A run reads a file to tell its layout, to split it, to hash it, to check it before anything runs
 * and to run it: a folder's files usually fit in the budget together, so each is read once; a folder of large
 * data loads does not fit, and then little more than the file read last is kept, so that the engine never holds
 * every script's text at once. A run forgets it all when it ends ({@link #forget()}), so that an application
 * does not keep its migrations' text after starting.
 */
public final class RecentTexts {

    /** In bytes, counted by whoever keeps something: about 8 MB of migration text, as bytes and as a string. */
    static final long BUDGET = 16L << 20;

    private record Kept(Object value, long size) {
    }

    private static final Map<Object, Kept> KEPT = new LinkedHashMap<>(64, 0.75f, true);
    private static long held;

    private RecentTexts() {
    }

    /** What is kept under {@code key}, or {@code null}. */
    public static synchronized <T> T get(Object key, Class<T> type) {
        Kept kept = KEPT.get(key);
        return kept == null ? null : type.cast(kept.value());
    }

    /** Keeps {@code value} as the thing read last, dropping the longest unused ones that no longer fit. */
    public static synchronized void put(Object key, Object value, long size) {
        Kept before = KEPT.put(key, new Kept(value, size));
        held += size - (before == null ? 0 : before.size());
        if (held > BUDGET) {
            for (Iterator<Kept> oldest = KEPT.values().iterator(); held > BUDGET && KEPT.size() > 1; ) {
                held -= oldest.next().size();
                oldest.remove();
            }
        }
    }

    /** Drops everything: a run has ended. */
    public static synchronized void forget() {
        KEPT.clear();
        held = 0;
    }
}
