package dev.migrate;

/** A pending migration's version is lower than one already applied. */
public final class OutOfOrderMigrationException extends ValidationException {

    private final Version highestApplied;

    public OutOfOrderMigrationException(Migration migration, Version highestApplied) {
        super(migration.version(), "Migration " + migration.label() + " (" + migration.up().name()
                + ") is pending, but version " + highestApplied + " is already applied and migrations run in "
                + "version order. Rename the file to a version above " + highestApplied + ", or allow "
                + "out-of-order migrations if it does not depend on the later ones.");
        this.highestApplied = highestApplied;
    }

    public Version highestApplied() {
        return highestApplied;
    }
}
