package dev.migrate;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to make, for {@link Migrator#run(Change)} or, as a dry run, {@link Migrator#plan(Change)}:
 * apply all, up to a version or the next N; roll back N or all; or go to a version, up or down.
 */
public final class Change {

    /** Which way a command goes; {@code GOTO} decides when it sees the database. */
    public enum Kind { UP, DOWN, GOTO }

    /** The limit of a command without one. */
    public static final int ALL = Integer.MAX_VALUE;

    private final Kind kind;
    private final Version version;
    private final int limit;

    private Change(Kind kind, Version version, int limit) {
        this.kind = kind;
        this.version = version;
        this.limit = limit;
    }

    /** Applies every pending migration. */
    public static Change up() {
        return new Change(Kind.UP, null, ALL);
    }

    /** Applies the pending migrations up to and including {@code version}. */
    public static Change upTo(Version version) {
        return new Change(Kind.UP, Objects.requireNonNull(version, "version"), ALL);
    }

    /** Applies the next {@code count} pending migrations. */
    public static Change upNext(int count) {
        return new Change(Kind.UP, null, positive(count));
    }

    /** Rolls back the {@code count} newest applied migrations, newest first. */
    public static Change down(int count) {
        return new Change(Kind.DOWN, null, positive(count));
    }

    /** Rolls back every applied migration, newest first. */
    public static Change downAll() {
        return new Change(Kind.DOWN, null, ALL);
    }

    /** Applies or rolls back migrations until {@code version} is the newest applied. */
    public static Change goTo(Version version) {
        return new Change(Kind.GOTO, Objects.requireNonNull(version, "version"), ALL);
    }

    private static int positive(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of migrations must be 1 or more, was " + count);
        }
        return count;
    }

    public Kind kind() {
        return kind;
    }

    /** The version named by {@code upTo} and {@code goTo}. */
    public Optional<Version> version() {
        return Optional.ofNullable(version);
    }

    /**
     * Whether the change names where to end (all pending applied, all rolled back, a version) rather than how
     * many steps to take: running it again after part of it was done by someone else still means the same.
     */
    public boolean hasFixedTarget() {
        return limit == ALL;
    }

    /** How many migrations at most; {@link #ALL} when unlimited. */
    public int limit() {
        return limit;
    }

    @Override
    public String toString() {
        String count = limit == ALL ? "" : " " + limit;
        return switch (kind) {
            case UP -> "up" + (version != null ? " to " + version : count);
            case DOWN -> "down" + (limit == ALL ? " -all" : count);
            case GOTO -> "goto " + version;
        };
    }
}
