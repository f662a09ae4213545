package dev.migrate;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to make, for {@link Migrator#run(Command)} or, as a dry run, {@link Migrator#plan(Command)}:
 * apply all, up to a version or the next N; roll back N or all; or go to a version, up or down.
 */
public final class Command {

    /** Which way a command goes; {@code GOTO} decides when it sees the database. */
    public enum Kind { UP, DOWN, GOTO }

    /** The limit of a command without one. */
    public static final int ALL = Integer.MAX_VALUE;

    private final Kind kind;
    private final Version version;
    private final int limit;

    private Command(Kind kind, Version version, int limit) {
        this.kind = kind;
        this.version = version;
        this.limit = limit;
    }

    /** Applies every pending migration. */
    public static Command up() {
        return new Command(Kind.UP, null, ALL);
    }

    /** Applies the pending migrations up to and including {@code version}. */
    public static Command upTo(Version version) {
        return new Command(Kind.UP, Objects.requireNonNull(version, "version"), ALL);
    }

    /** Applies the next {@code count} pending migrations. */
    public static Command upNext(int count) {
        return new Command(Kind.UP, null, positive(count));
    }

    /** Rolls back the {@code count} newest applied migrations, newest first. */
    public static Command down(int count) {
        return new Command(Kind.DOWN, null, positive(count));
    }

    /** Rolls back every applied migration, newest first. */
    public static Command downAll() {
        return new Command(Kind.DOWN, null, ALL);
    }

    /** Applies or rolls back migrations until {@code version} is the newest applied. */
    public static Command goTo(Version version) {
        return new Command(Kind.GOTO, Objects.requireNonNull(version, "version"), ALL);
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
