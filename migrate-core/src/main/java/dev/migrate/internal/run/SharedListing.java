package dev.migrate.internal.run;

import dev.migrate.Migration;
import dev.migrate.internal.Digests;
import dev.migrate.internal.source.ListedSource;
import dev.migrate.internal.source.Placeholders;
import dev.migrate.internal.source.RecentTexts;
import dev.migrate.spi.MigrationSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
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
 */
public record SharedListing(MigrationSource source, Placeholders placeholders, int migrations, String fingerprint,
        Runnable release) {

    /** Lists and hashes the folder of {@code steps} once. */
    public static SharedListing of(Steps steps) {
        Runnable release = RecentTexts.hold();
        try {
            MigrationSource listed = ListedSource.of(steps.source());
            List<Migration> migrations = Listing.load(listed, Optional.empty());
            MessageDigest digest = Digests.of("SHA-256");
            for (Migration migration : migrations) {
                String checksum = migration.up().checksum();
                digest.update((migration.version() + " " + checksum + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return new SharedListing(listed, steps.settings().placeholders(), migrations.size(),
                    Digests.hex(digest.digest()), release);
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
    }
}
