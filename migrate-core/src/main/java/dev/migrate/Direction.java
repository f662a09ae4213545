package dev.migrate;

/** Whether a migration is being applied (its up script) or rolled back (its down script). */
public enum Direction {
    UP, DOWN;

    /** The lower-case name used in JSON: {@code up}, {@code down}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
