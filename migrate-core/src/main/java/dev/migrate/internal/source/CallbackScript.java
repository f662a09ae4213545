package dev.migrate.internal.source;

import dev.migrate.Callback;
import dev.migrate.Script;

/** A Flyway SQL callback: {@code afterMigrate.sql} or {@code afterMigrate__grants.sql}, run at its event. */
public record CallbackScript(Callback.Event event, String fileName, Script script) {
}
