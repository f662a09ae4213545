package dev.migrate.internal.liquibase;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type of a changelog as Liquibase 4.33.0 writes it for PostgreSQL: its portable names mapped
 * ({@code int} is {@code INTEGER}, {@code datetime} and {@code timestamp} {@code TIMESTAMP WITHOUT TIME ZONE},
 * {@code clob} {@code TEXT}, {@code blob} {@code OID}, ...), {@code java.sql.Types.X} read as {@code X}, sizes
 * kept, and any other type (an enum, an extension's, an array) written in upper case, as Liquibase writes it.
 */
final class PostgresTypes {

    private static final Pattern TYPE = Pattern.compile("(?i)\\s*(?:java\\.sql\\.Types\\.)?([a-z_][\\w ]*?)\\s*"
            + "(\\(([^)]*)\\))?\\s*(\\[\\])?\\s*(with(?:out)? time zone)?\\s*");
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("int", "INTEGER"),
            Map.entry("integer", "INTEGER"), Map.entry("int4", "INTEGER"), Map.entry("serial", "INTEGER"),
            Map.entry("int8", "BIGINT"), Map.entry("bigint", "BIGINT"), Map.entry("bigserial", "BIGINT"),
            Map.entry("smallint", "SMALLINT"), Map.entry("int2", "SMALLINT"), Map.entry("tinyint", "SMALLINT"),
            Map.entry("varchar", "VARCHAR"), Map.entry("character varying", "VARCHAR"),
            Map.entry("nvarchar", "VARCHAR"), Map.entry("varchar2", "VARCHAR"), Map.entry("char", "CHAR"),
            Map.entry("character", "CHAR"), Map.entry("nchar", "NCHAR"), Map.entry("text", "TEXT"),
            Map.entry("clob", "TEXT"), Map.entry("nclob", "TEXT"), Map.entry("longtext", "TEXT"),
            Map.entry("mediumtext", "TEXT"), Map.entry("boolean", "BOOLEAN"), Map.entry("bool", "BOOLEAN"),
            Map.entry("bit", "BIT"), Map.entry("uuid", "UUID"), Map.entry("uniqueidentifier", "UUID"),
            Map.entry("numeric", "numeric"), Map.entry("number", "numeric"), Map.entry("decimal", "DECIMAL"),
            Map.entry("currency", "DECIMAL"), Map.entry("money", "DECIMAL"), Map.entry("double", "DOUBLE PRECISION"),
            Map.entry("double precision", "DOUBLE PRECISION"), Map.entry("float", "FLOAT"), Map.entry("real", "REAL"),
            Map.entry("blob", "OID"), Map.entry("bytea", "BYTEA"), Map.entry("longblob", "BYTEA"),
            Map.entry("binary", "BYTEA"), Map.entry("varbinary", "BYTEA"), Map.entry("date", "date"));

    private PostgresTypes() {
    }

    static String of(String written) {
        Matcher type = TYPE.matcher(written);
        if (!type.matches() || type.group(4) != null) {
            // arrays and what Liquibase does not parse pass through, in upper case
            return written.trim().toUpperCase(Locale.ROOT);
        }
        String name = type.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String size = type.group(3) == null ? "" : "(" + String.join(", ", java.util.Arrays.stream(type.group(3)
                .split(",")).map(String::trim).toList()) + ")";
        String array = "";
        String zone = type.group(5);
        switch (name) {
            case "timestamp", "datetime" -> {
                return "TIMESTAMP" + size + " " + (zone == null ? "WITHOUT TIME ZONE" : zone) + array;
            }
            case "timestamptz" -> {
                return "TIMESTAMP" + size + " WITH TIME ZONE" + array;
            }
            case "time" -> {
                return "time" + size + " " + (zone == null ? "WITHOUT TIME ZONE" : zone.toUpperCase(Locale.ROOT))
                        + array;
            }
            case "timetz" -> {
                return "time" + size + " WITH TIME ZONE" + array;
            }
            case "binary", "varbinary", "longblob" -> {
                return "BYTEA" + array;
            }
            case "currency", "money" -> {
                return "DECIMAL" + array;
            }
            default -> {
                String mapped = NAMES.get(name);
                return (mapped != null ? mapped : name.toUpperCase(Locale.ROOT)) + size + array
                        + (zone == null ? "" : " " + zone);
            }
        }
    }
}
