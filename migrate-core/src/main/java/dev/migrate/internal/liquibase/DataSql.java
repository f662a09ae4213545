package dev.migrate.internal.liquibase;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code insert}, {@code update} and {@code delete} as Liquibase 4.33.0 writes them: each column's value by its
 * kind ({@code value} quoted, {@code valueNumeric}, {@code valueBoolean}, {@code valueComputed}, {@code valueDate}),
 * the {@code where} text as written.
 */
final class DataSql {

    private DataSql() {
    }

    static String insert(ChangelogNode change, String table) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (ChangelogNode column : change.children("column")) {
            names.add(SqlNames.name(column.attribute("name").orElse("")));
            values.add(ColumnSql.value(column, "value", "").orElse("NULL"));
        }
        return "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES (" + String.join(", ", values)
                + ")";
    }

    static String update(ChangelogNode change, String table) {
        List<String> sets = new ArrayList<>();
        for (ChangelogNode column : change.children("column")) {
            sets.add(SqlNames.name(column.attribute("name").orElse("")) + " = " + ColumnSql.value(column, "value", "")
                    .orElse("NULL"));
        }
        return "UPDATE " + table + " SET " + String.join(", ", sets) + where(change);
    }

    /** {@code " WHERE <text>"}, or nothing without a {@code where}. */
    static String where(ChangelogNode change) {
        return change.child("where").map(ChangelogNode::text).filter(w -> !w.isBlank()).map(w -> " WHERE " + w)
                .orElse("");
    }
}
