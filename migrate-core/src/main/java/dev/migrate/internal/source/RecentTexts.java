package dev.migrate.internal.source;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * What was read of the migration files (their bytes, their text, a script's text), kept up to {@link #BUDGET}
 * bytes in all. A run reads a file to tell its layout, to split it, to hash it, to check it before anything runs
 * and to run it: a folder's files usually fit in the budget together, so each is read once; a folder of large
 * data loads does not, and then little more than the file read last is kept, so that the engine never holds every
 * script's text at once. A run forgets it all when it ends ({@link #forget()}), so that an application does not
 * keep its migrations' text after starting.
 *
 * <p>When something new does not fit, what was kept last makes room, not what was kept first: a run reads its
 * scripts in the same order pass after pass, and dropping the oldest would drop each text just before the next
 * pass reads it again, so that a folder a little larger than the budget would be read again whole every pass.
 */
public final class RecentTexts {

    /** In bytes, counted by whoever keeps something: about 8 MB of migration text, as bytes and as a string. */
    static final long BUDGET = 16L << 20;

    /** One keeping of a key: compared by identity, so a key kept again is another ticket. */
    private static final class Ticket {
        private final Object key;

        private Ticket(Object key) {
            this.key = key;
        }
    }

    private record Kept(Ticket ticket, Object value, long size) {
    }

    private static final Map<Object, Kept> KEPT = new HashMap<>();
    /**
     * The tickets of what was kept, in the order it was kept, including what has been taken or dropped since: a
     * ticket counts only while {@link #KEPT} holds its key under it. Taking leaves the ticket here, since finding it
     * would scan the queue, and a run of 10,000 files takes thousands of entries; a ticket holds the key only, so
     * what was taken is its taker's alone.
     */
    private static final Deque<Ticket> ORDER = new ArrayDeque<>();
    private static long held;
    /** How many shared listings keep what is kept across runs. */
    private static int holders;

    private RecentTexts() {
    }

    /** What is kept under {@code key}, or {@code null}. */
    public static synchronized <T> T get(Object key, Class<T> type) {
        Kept kept = KEPT.get(key);
        return kept == null ? null : type.cast(kept.value());
    }

    /** What is kept under {@code key}, or {@code null}, no longer kept: its taker keeps it now. */
    public static synchronized <T> T take(Object key, Class<T> type) {
        Kept kept = KEPT.remove(key);
        if (kept == null) {
            return null;
        }
        held -= kept.size();
        return type.cast(kept.value());
    }

    /** Keeps {@code value}, the thing read last, making room by dropping what was kept last before it. */
    public static synchronized void put(Object key, Object value, long size) {
        take(key, Object.class);
        while (held + size > BUDGET && !ORDER.isEmpty()) {
            Ticket last = ORDER.removeLast();
            Kept kept = KEPT.get(last.key);
            if (kept != null && kept.ticket() == last) {
                KEPT.remove(last.key);
                held -= kept.size();
            }
        }
        Ticket ticket = new Ticket(key);
        KEPT.put(key, new Kept(ticket, value, size));
        ORDER.addLast(ticket);
        held += size;
    }

    /**
     * What is kept under {@code key}, else what {@code read} makes, kept now as {@code size} counts it. The lock is
     * not held while reading, which may read a file: two threads may then both read it, and the one that keeps it
     * last is kept.
     */
    public static <T> T getOrRead(Object key, Class<T> type, Supplier<T> read, ToLongFunction<T> size) {
        T kept = get(key, type);
        if (kept == null) {
            kept = read.get();
            put(key, kept, size.applyAsLong(kept));
        }
        return kept;
    }

    /** Drops everything: a run has ended. While a shared listing holds the texts ({@link #hold}), nothing. */
    public static synchronized void forget() {
        if (holders == 0) {
            KEPT.clear();
            ORDER.clear();
            held = 0;
        }
    }

    /**
     * Keeps what is kept past the end of each run until the returned hold is released: a listing that many runs
     * share, one after the other or at the same time, so that none reads again what another read. The budget
     * still bounds it; releasing the last hold drops everything.
     */
    public static synchronized Runnable hold() {
        holders++;
        boolean[] released = new boolean[1];
        return () -> {
            synchronized (RecentTexts.class) {
                if (!released[0]) {
                    released[0] = true;
                    holders--;
                    forget();
                }
            }
        };
    }
}
