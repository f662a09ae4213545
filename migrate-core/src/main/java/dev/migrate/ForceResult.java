package dev.migrate;

import java.util.Optional;

/** What {@code force} recorded: the version (and dirty flag) before, and the clean version after. */
public record ForceResult(Optional<Version> previousVersion, boolean wasDirty, Optional<Version> version) {
}
