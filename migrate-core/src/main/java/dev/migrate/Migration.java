package dev.migrate;

import java.util.Objects;
import java.util.Optional;

/**
 * A migration found in a location: its version, description, up script, optional down script, and the layout
 * of the folder it came from ({@code golang-migrate}, {@code goose}, ...).
 */
public record Migration(Version version, String description, Script up, Optional<Script> down, String layout) {

    public Migration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(down, "down");
        Objects.requireNonNull(layout, "layout");
    }

    /** A migration from a source of its own, outside any folder layout. */
    public Migration(Version version, String description, Script up, Optional<Script> down) {
        this(version, description, up, down, "custom");
    }

    /** {@code 7 (add_users)}: how messages name a migration. */
    public String label() {
        return description.isEmpty() ? version.toString() : version + " (" + description + ")";
    }
}
