package dev.migrate.internal.source;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The migration-folder conventions migrate reads, named as the tools that write them. */
public enum Layout {
    GOLANG_MIGRATE("golang-migrate", "put '-- migrate:no-transaction' in its leading comment lines"),
    SQLX("sqlx", "make '-- no-transaction' its first line"),
    ATLAS("atlas", "put '-- atlas:txmode none' in its leading comment lines"),
    DIESEL("diesel", "put 'run_in_transaction = false' in the metadata.toml of its folder"),
    GOOSE("goose", "put '-- +goose NO TRANSACTION' at its top"),
    SQL_MIGRATE("sql-migrate", "write its up marker as '-- +migrate Up notransaction'"),
    DBMATE("dbmate", "write its up marker as '-- migrate:up transaction:false'"),
    FLYWAY("flyway", "put 'executeInTransaction=false' in a file of its name plus '.conf' beside it");

    private final String id;
    private final String noTransaction;

    Layout(String id, String noTransaction) {
        this.id = id;
        this.noTransaction = noTransaction;
    }

    public String id() {
        return id;
    }

    /**
     * Whether the tool of the layout named {@code id} keeps its history in a table of migrate's default name
     * (golang-migrate's and dbmate's {@code schema_migrations}, adopted in place); also a source of a user's own,
     * which has no tool to keep a history elsewhere. For every other layout, a table of that name is the folder's.
     */
    public static boolean sharesTheHistoryTableName(String id) {
        return id.equals(GOLANG_MIGRATE.id) || id.equals(DBMATE.id) || id.equals("custom");
    }

    /** Whether the layout named {@code id} has down scripts, so that a migration without one is worth a warning. */
    public static boolean hasDownScripts(String id) {
        return switch (id) {
            case "golang-migrate", "goose", "sql-migrate", "dbmate", "diesel" -> true;
            default -> false;
        };
    }

    /** How a migration of the layout named {@code id} gets a down script, as an instruction. */
    public static String downScriptAdvice(String id) {
        return switch (id) {
            case "dbmate" -> "add a '-- migrate:down' section to each file (an empty one rolls back by running nothing)";
            case "diesel" -> "add a down.sql to each migration's folder";
            case "flyway" -> "add U{version}__{description}.sql undo files";
            case "atlas" -> "Atlas migrations have no down scripts: undo them with a new migration instead";
            case "goose" -> "add a '-- +goose Down' section to each file";
            case "sql-migrate" -> "add a '-- +migrate Down' section to each file";
            default -> "add the missing {version}_{description}.down.sql files";
        };
    }

    /**
     * How a file of the layout named {@code id} says it runs without a transaction, as an instruction: "put
     * '-- +goose NO TRANSACTION' at its top". For a source of a user's own, migrate's own marker.
     */
    public static String noTransactionMarker(String id) {
        return Arrays.stream(values()).filter(layout -> layout.id.equals(id)).findFirst()
                .orElse(GOLANG_MIGRATE).noTransaction;
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
