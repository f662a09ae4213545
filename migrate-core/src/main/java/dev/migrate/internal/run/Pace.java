package dev.migrate.internal.run;

/**
 * How many transactional migrations the next message carries. It starts at one and doubles while messages come
 * back quickly, up to what the server would run in about half a second at the pace seen so far: progress is then
 * reported, and the lock rechecked ({@link BlockerWatch#RECHECK_AFTER_NANOS}), about as often as when each migration
 * goes alone, while a folder of small migrations far from the database pays a round trip per message, not per
 * migration. A failure starts it over at one.
 */
final class Pace {

    /** The most migrations in one message. */
    static final int MOST = 128;

    /** The most script text in one message, in characters; a larger script goes alone. */
    static final long MOST_CHARS = 1L << 20;

    private static final long TARGET_MILLIS = BlockerWatch.RECHECK_AFTER_NANOS / 1_000_000;

    private int size = 1;

    int size() {
        return size;
    }

    /** A message of {@code count} migrations committed, the server counting {@code millis} for them in all. */
    void sent(int count, long millis) {
        long fits = TARGET_MILLIS * count / Math.max(1, millis);
        size = (int) Math.max(1, Math.min(Math.min(2L * size, MOST), fits));
    }

    /** A message failed part-way: the next one carries the failed migration alone. */
    void failed() {
        size = 1;
    }
}
