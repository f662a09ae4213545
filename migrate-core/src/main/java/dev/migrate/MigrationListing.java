package dev.migrate;

import dev.migrate.internal.run.SharedListing;

/**
 * A folder listed once, to run against many databases or schemas: its files read, decoded, hashed and checked
 * now, so that each run given it ({@link MigratorBuilder#listing}) reads and hashes no file again, one run after
 * the other or many at the same time. The texts read are kept within the engine's memory budget, as one run keeps
 * them, until the listing is closed: close it when the runs are done.
 *
 * <pre>{@code
 * try (MigrationListing listing = Migrator.builder(dataSource).locations("filesystem:db/migrations").build().list()) {
 *     for (DataSource tenant : tenants) {
 *         Migrator.builder(tenant).listing(listing).build().migrate();
 *     }
 * }
 * }</pre>
 */
public final class MigrationListing implements AutoCloseable {

    private final SharedListing shared;

    MigrationListing(SharedListing shared) {
        this.shared = shared;
    }

    SharedListing shared() {
        return shared;
    }

    /** How many migrations it holds (repeatable migrations aside). */
    public int size() {
        return shared.migrations();
    }

    /**
     * A digest of every migration's version and checksum, in order: two listings of the same files have the same
     * one, and it changes when a migration is added, removed or changed (a fleet's release).
     */
    public String fingerprint() {
        return shared.fingerprint();
    }

    /** Where the migrations come from, for messages: {@code filesystem:db/migrations}. */
    public String description() {
        return shared.source().description();
    }

    /** Lets go of the texts kept for the runs; runs given the listing afterwards read what they need again. */
    @Override
    public void close() {
        shared.release().run();
    }
}
