package dev.migrate.internal.adopt;

import dev.migrate.AppliedMigration;
import dev.migrate.Migration;
import dev.migrate.Repeatable;
import java.util.HashMap;
import java.util.Map;
import dev.migrate.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The migration files by version, and how an adopted row is made from one (or from the old table alone). */
public final class FilesByVersion {

    private final TreeMap<Version, Migration> byVersion = new TreeMap<>();
    private final Map<String, Repeatable> repeatables = new HashMap<>();

    public FilesByVersion(List<Migration> migrations) {
        this(migrations, List.of());
    }

    public FilesByVersion(List<Migration> migrations, List<Repeatable> repeatables) {
        migrations.forEach(m -> byVersion.put(m.version(), m));
        repeatables.forEach(r -> this.repeatables.put(r.description(), r));
    }

    /** The repeatable migration of that description, if there is one. */
    Optional<Repeatable> repeatable(String description) {
        return Optional.ofNullable(repeatables.get(description));
    }

    /** The layout of the folder the migrations come from (the first one's), if there are any. */
    public Optional<String> layout() {
        return byVersion.isEmpty() ? Optional.empty() : Optional.of(byVersion.firstEntry().getValue().layout());
    }

    Optional<Migration> get(Version version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    /** The files up to and including {@code version}, in order. */
    List<Migration> upTo(Version version) {
        return List.copyOf(byVersion.headMap(version, true).values());
    }

    /**
     * A row recording {@code version} as applied by {@code tool}. With a file, its description and current
     * checksum; without one, the old table's description and no checksum, so that validation reports the file
     * as missing.
     */
    AppliedMigration row(String tool, Version version, String description, boolean dirty, Instant appliedAt,
            long executionMs, String appliedBy) {
        Optional<Migration> file = get(version);
        // The file's own version: its text as written (1.10 rather than 1.1, diesel's leading zeros).
        return new AppliedMigration(file.map(Migration::version).orElse(version), file.map(Migration::description).orElse(description == null ? "" : description),
                file.map(m -> m.up().checksum()).orElse(null), dirty, appliedAt == null ? Instant.now() : appliedAt,
                executionMs, appliedBy == null ? tool : appliedBy, tool);
    }

    /** Versions as other tools write them; dashes are dropped as diesel drops them. */
    static Optional<Version> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String digits = text.strip().replace("-", "");
        return digits.matches("\\d+") ? Optional.of(Version.parse(digits)) : Optional.empty();
    }
}
