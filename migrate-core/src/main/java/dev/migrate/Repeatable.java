package dev.migrate;

import java.util.Objects;

/**
 * A repeatable migration ({@code R__views.sql}): no version; applied after the versioned migrations, in
 * description order, the first time and again whenever its checksum changes. Views, functions and grants kept in
 * one file that is edited in place are what it is for.
 */
public record Repeatable(String description, Script script, String layout) {

    public Repeatable {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(layout, "layout");
    }

    /** {@code repeatable migration 'views'}: how messages name it. */
    public String label() {
        return "repeatable migration '" + description + "'";
    }
}
