package dev.migrate;

/** A command named a version that no migration has. */
public final class VersionNotFoundException extends MigrateException {

    private final Version version;

    public VersionNotFoundException(Version version, String locations, String known) {
        super("No migration has version " + version + " in " + locations + " (" + known + "). Use a version "
                + "that the status lists.");
        this.version = version;
    }

    public Version version() {
        return version;
    }
}
