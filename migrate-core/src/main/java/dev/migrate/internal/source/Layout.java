package dev.migrate.internal.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The migration-folder conventions migrate reads, named as the tools that write them. */
public enum Layout {
    GOLANG_MIGRATE("golang-migrate"),
    SQLX("sqlx"),
    ATLAS("atlas"),
    DIESEL("diesel"),
    GOOSE("goose"),
    SQL_MIGRATE("sql-migrate"),
    DBMATE("dbmate"),
    FLYWAY("flyway");

    private final String id;

    Layout(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The layout named {@code id}, as users write it.
     *
     * @throws IllegalArgumentException naming the layouts there are
     */
    public static Layout of(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(layout -> layout.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown layout '" + id + "'; the layouts are "
                        + Arrays.stream(values()).map(Layout::id).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return id;
    }
}
