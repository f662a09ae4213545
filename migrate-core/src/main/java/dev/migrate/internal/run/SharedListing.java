package dev.migrate.internal.run;

import dev.migrate.InvalidMigrationException;
import dev.migrate.JavaMigration;
import dev.migrate.Migration;
import dev.migrate.internal.Digests;
import dev.migrate.internal.source.ListedSource;
import dev.migrate.internal.source.Placeholders;
import dev.migrate.internal.source.RecentTexts;
import dev.migrate.spi.MigrationSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Step 1 of a run taken once for many: the migrations listed, held to their order, and every script that runs
 * going up read and hashed, to be handed to a run per database or schema ({@code MigratorBuilder.listing}). What
 * was read stays kept, within the usual budget, until the listing is released, so the runs read no file again that
 * fits in it; a script whose text depends on the run's session ({@code ${flyway:user}} and the like) is still made
 * for each run.
 *
 * @param source the listing, as a source that never looks at the folders again
 * @param placeholders the placeholders its scripts replace, bound by each run to its own session
 * @param migrations how many migrations it holds
 * @param fingerprint SHA-256 over every migration's version and checksum, in order: the same for the same folder
 * @param release lets go of what was kept of the scripts' texts
 * @param given the source the listing was made from
 * @param javaClasses the classes of its Java migrations
 */
public record SharedListing(MigrationSource source, Placeholders placeholders, int migrations, String fingerprint,
        Runnable release, MigrationSource given, Set<Class<?>> javaClasses) {

    /**
     * Checks that a migrator given this listing was not also given other migrations: a source of its own, or Java
     * migrations of classes the listing does not hold. The same recipe for every target (a fleet's, Spring's) may
     * give the same Java migrations again.
     */
    public void requireNoOther(MigrationSource source, List<JavaMigration> java) {
        if (source != null && source != given
                || java.stream().anyMatch(migration -> !javaClasses.contains(migration.getClass()))) {
            throw new IllegalStateException("a shared listing brings its own migrations: give the source and the "
                    + "Java migrations to the migrator that made it, not to this one");
        }
    }

    /** Lists and hashes the folder of {@code steps} once. */
    public static SharedListing of(Steps steps) {
        if (steps.changelog().isPresent()) {
            // A listing runs as numbered migrations with migrate's history; a changelog goes by Liquibase's.
            throw InvalidMigrationException.changelog(steps.changelog().get().description(), "cannot be listed once "
                    + "for many targets (a fleet) by this release of migrate; run each target on its own for now. "
                    + "Nothing was changed.");
        }
        Runnable release = RecentTexts.hold();
        try {
            MigrationSource listed = ListedSource.of(steps.source());
            List<Migration> migrations = Listing.load(listed, Optional.empty());
            MessageDigest digest = Digests.of("SHA-256");
            Set<Class<?>> javaClasses = new HashSet<>();
            for (Migration migration : migrations) {
                migration.up().code().ifPresent(code -> javaClasses.add(code.getClass()));
                String checksum = migration.up().checksum();
                digest.update((migration.version() + " " + checksum + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return new SharedListing(listed, steps.settings().placeholders(), migrations.size(),
                    Digests.hex(digest.digest()), release, steps.source(), Set.copyOf(javaClasses));
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
    }
}
