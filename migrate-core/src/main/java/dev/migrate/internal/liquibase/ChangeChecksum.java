package dev.migrate.internal.liquibase;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The version 9 checksum Liquibase 4.33.0 gives a change of an XML, YAML or JSON changelog: the checksum of the
 * change written out as Liquibase's string serializer writes it ({@code createTable:[ ... ]}: each field set, as
 * {@code name="value"} in sorted order, four spaces of indent a level, columns as a list of bracketed objects, a
 * column's constraints as a bracketed object without a name), values as Liquibase holds them (booleans as
 * {@code true}/{@code false}, whole numbers without leading zeros). Fields Liquibase leaves out of version 9 are left
 * out. SQL changes are checksummed by their SQL instead ({@link LiquibaseChecksum#ofSql}); a view's and a procedure's
 * by this and their SQL together.
 */
final class ChangeChecksum {

    /** Fields Liquibase holds as {@code Boolean}. */
    private static final Set<String> BOOLEANS = Set.of("autoIncrement", "computed", "descending", "defaultOnNull",
            "valueBoolean", "defaultValueBoolean", "nullable", "primaryKey", "unique", "deleteCascade",
            "initiallyDeferred", "deferrable", "validateNullable", "validateUnique", "validatePrimaryKey",
            "validateForeignKey", "cascadeConstraints", "clustered", "cycle", "ordered", "replaceIfExists",
            "fullDefinition", "splitStatements", "stripComments", "relativeToChangelogFile", "usePreparedStatements",
            "ifNotExists", "ifExists", "rowDependencies", "keepTagOnRollback", "validate", "shouldValidate");
    /** Fields Liquibase holds as whole numbers. */
    private static final Set<String> WHOLE_NUMBERS = Set.of("startValue", "incrementBy", "minValue", "maxValue",
            "cacheSize", "startWith", "position");
    /** Fields each change type leaves out of its version 9 checksum. */
    private static final Map<String, Set<String>> EXCLUDED = Map.of(
            "createTable", Set.of("ifNotExists", "rowDependencies"),
            "createIndex", Set.of("associatedWith", "using"),
            "createView", Set.of("path", "relativeToChangelogFile", "selectQuery", "encoding"),
            "tagDatabase", Set.of("keepTagOnRollback"),
            "createProcedure", Set.of("path", "dbms", "relativeToChangelogFile", "procedureText", "encoding",
                    "comment"));
    /** Fields each change type leaves out of its version 8 checksum too. */
    private static final Map<String, Set<String>> EXCLUDED_IN_VERSION_8 = Map.of(
            "createTable", Set.of("ifNotExists", "rowDependencies"),
            "createIndex", Set.of("associatedWith", "using"),
            "tagDatabase", Set.of("keepTagOnRollback"));
    /** What a change's text is, for the types that have one. */
    static final Map<String, String> TEXT_FIELD = Map.of("createView", "selectQuery", "createProcedure",
            "procedureText", "output", "message", "sql", "sql");

    private ChangeChecksum() {
    }

    /** The checksum of {@code change}, an element of a changelog with its parameters expanded. */
    static String of(ChangelogNode change) {
        String type = change.name();
        return switch (type) {
            case "sql" -> LiquibaseChecksum.ofSql(change.text());
            case "createView", "createProcedure" -> LiquibaseChecksum.ofText(serialized(change) + ":"
                    + LiquibaseChecksum.ofSql(change.text()));
            default -> serialized(change);
        };
    }

    /**
     * The checksum of version 8 Liquibase 3.5 to 4.21 recorded for {@code change}, as Liquibase 4.33.0 computes it to
     * check such rows: SQL by its version 8 normalisation (with how it splits and strips), any other change by its
     * serialization with nothing left out but what every version leaves out.
     */
    static String ofVersion8(ChangelogNode change) {
        if (change.name().equals("sql")) {
            return sqlVersion8(change, change.text());
        }
        List<Field> fields = new ArrayList<>();
        for (Field field : fields(change, EXCLUDED_IN_VERSION_8.getOrDefault(change.name(), Set.of()))) {
            // a procedure's text is serialized by its property's other name
            boolean body = change.name().equals("createProcedure") && "procedureText".equals(field.name());
            fields.add(body ? new Field("procedureBody", field.value(), null, null) : field);
        }
        return LiquibaseChecksum.ofTextVersion8(change.name() + ":" + object(fields, 1));
    }

    /** The version 8 checksum of an SQL change ({@code sql}, {@code sqlFile}) whose SQL is {@code sql}. */
    static String sqlVersion8(ChangelogNode change, String sql) {
        return LiquibaseChecksum.ofSqlVersion8(sql, change.attribute("endDelimiter").orElse(null),
                change.flag("splitStatements", true), change.flag("stripComments", false));
    }

    /** The checksum of the change as Liquibase's serializer writes it. */
    private static String serialized(ChangelogNode change) {
        return LiquibaseChecksum.ofText(change.name() + ":" + object(fields(change,
                EXCLUDED.getOrDefault(change.name(), Set.of())), 1));
    }

    /** One serialized field: a value, a nested object, or a list of objects. */
    private record Field(String name, String value, List<Field> object, List<List<Field>> list) {
    }

    private static List<Field> fields(ChangelogNode node, Set<String> excluded) {
        List<Field> fields = new ArrayList<>();
        node.attributes().forEach((name, value) -> {
            if (!excluded.contains(name)) {
                fields.add(new Field(name, value(name, value), null, null));
            }
            if (name.equals("valueDate")) {
                // a column's value date is also kept as written, and serialized so
                fields.add(new Field("rawDateValue", value, null, null));
            }
        });
        String textField = TEXT_FIELD.get(node.name());
        if (textField != null && !node.text().isEmpty() && !excluded.contains(textField)) {
            fields.add(new Field(textField, node.text(), null, null));
        }
        List<List<Field>> columns = node.children("column").stream().map(column -> fields(column, Set.of()))
                .toList();
        if (!columns.isEmpty()) {
            fields.add(new Field("columns", null, null, columns));
        }
        node.child("constraints").ifPresent(constraints -> fields.add(new Field(null, null,
                fields(constraints, Set.of()), null)));
        node.child("where").filter(where -> !where.text().isEmpty())
                .ifPresent(where -> fields.add(new Field("where", where.text(), null, null)));
        return fields;
    }

    private static String value(String name, String value) {
        if (BOOLEANS.contains(name)) {
            return Boolean.toString(Boolean.parseBoolean(value.trim()));
        }
        if (WHOLE_NUMBERS.contains(name)) {
            try {
                return new BigInteger(value.trim()).toString();
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    /** An object as Liquibase's serializer writes one at {@code indent}: its fields sorted, one a line. */
    private static String object(List<Field> fields, int indent) {
        TreeSet<String> lines = new TreeSet<>();
        for (Field field : fields) {
            if (field.object() != null) {
                lines.add(spaces(indent) + object(field.object(), indent + 1));
            } else if (field.list() != null) {
                lines.add(spaces(indent) + field.name() + "=" + list(field.list(), indent + 1));
            } else {
                lines.add(spaces(indent) + field.name() + "=\"" + field.value() + "\"");
            }
        }
        StringBuilder text = new StringBuilder("[");
        if (!lines.isEmpty()) {
            text.append('\n').append(String.join("\n", lines)).append('\n');
        }
        return text.append(spaces(indent - 1)).append(']').toString();
    }

    private static String list(List<List<Field>> items, int indent) {
        if (items.isEmpty()) {
            return "[]";
        }
        List<String> written = new ArrayList<>();
        for (List<Field> item : items) {
            written.add(spaces(indent) + object(item, indent + 1));
        }
        return "[\n" + String.join(",\n", written) + "\n" + spaces(indent - 1) + "]";
    }

    private static String spaces(int indent) {
        return " ".repeat(4 * indent);
    }
}
