package dev.migrate;

import java.util.Objects;
import java.util.Optional;

/** A migration found in a location: its version, description, up script and optional down script. */
public record Migration(Version version, String description, Script up, Optional<Script> down) {

    public Migration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
    }

    /** {@code 7 (add_users)}: how messages name a migration. */
    public String label() {
        return description.isEmpty() ? version.toString() : version + " (" + description + ")";
    }
}
