package dev.migrate.internal.run;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.VersionNotFoundException;
import dev.migrate.spi.MigrationSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Step 1 of a run: the migrations a source lists, held to the order every later step relies on. */
final class Listing {

    private Listing() {
    }

    /**
     * Step 1 as {@link #load} takes it, begun on a thread of its own when {@code ahead} allows, so that a cold start
     * lists its files, and then hashes them, while it connects (these are most of a no-op's time in a fresh JVM, and
     * a second core is usually idle then); {@link Ahead#get} waits for the listing.
     */
    static Ahead ahead(MigrationSource source, Optional<Version> named, boolean ahead) {
        if (!ahead) {
            return new Ahead(CompletableFuture.completedFuture(load(source, named)));
        }
        CompletableFuture<List<Migration>> listed = new CompletableFuture<>();
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        Thread thread = new Thread(() -> listThenHash(listed, source, named), "migrate-listing");
        thread.setContextClassLoader(caller);
        thread.setDaemon(true);
        thread.start();
        return new Ahead(listed);
    }

    private static void listThenHash(CompletableFuture<List<Migration>> listed, MigrationSource source,
            Optional<Version> named) {
        List<Migration> migrations;
        try {
            migrations = load(source, named);
        } catch (RuntimeException | Error e) {
            listed.completeExceptionally(e);
            return;
        }
        listed.complete(migrations);
        // The checksums are what the run compares next: read and hash the scripts while it still connects. Java
        // migrations' own code is left to the caller's thread. A script that cannot be read or decoded fails again
        // where the run reads it, and is reported there, as it would have been without this head start. From the
        // last one back: the run compares from the first one on as soon as it has read the history, and then the
        // two threads meet halfway instead of reading and hashing the same files side by side.
        for (int i = migrations.size() - 1; i >= 0; i--) {
            Migration migration = migrations.get(i);
            if (migration.up().code().isEmpty()) {
                try {
                    migration.up().checksum();
                } catch (RuntimeException e) {
                    // reported where the run needs the script
                }
            }
        }
    }

    /** The listing under way: its migrations, or the very exception listing them threw. */
    static final class Ahead {

        private final CompletableFuture<List<Migration>> listed;

        private Ahead(CompletableFuture<List<Migration>> listed) {
            this.listed = listed;
        }

        List<Migration> get() {
            try {
                // join, not get: listing ends on its own, and soon, so an interrupt is left set for the run's waits
                return listed.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw (Error) e.getCause();
            }
        }
    }

    /**
     * The migrations in ascending version order, each version once; a version the operation names must be among
     * them. A source of a user's own that breaks the order is refused here, before anything runs.
     */
    static List<Migration> load(MigrationSource source, Optional<Version> named) {
        List<Migration> migrations = source.load();
        for (int i = 1; i < migrations.size(); i++) {
            Migration before = migrations.get(i - 1);
            Migration after = migrations.get(i);
            int order = before.version().compareTo(after.version());
            List<String> files = List.of(before.up().name(), after.up().name());
            if (order == 0) {
                throw InvalidMigrationException.duplicateVersion(after.version(), files);
            }
            if (order > 0) {
                // Every later step merges files and history in one pass and relies on this order.
                throw InvalidMigrationException.sourceOutOfOrder(source.description(), before.label(), after.label(),
                        files);
            }
        }
        named.ifPresent(version -> requireKnown(source, version, migrations));
        return migrations;
    }

    private static void requireKnown(MigrationSource source, Version target, List<Migration> migrations) {
        if (migrations.stream().noneMatch(m -> m.version().equals(target))) {
            String known = migrations.isEmpty() ? "there are no migrations"
                    : "versions " + migrations.get(0).version() + " to " + migrations.get(migrations.size() - 1).version();
            throw new VersionNotFoundException(target, source.description(), known);
        }
    }
}
