package dev.migrate.internal.postgres;

import dev.migrate.AppliedMigration;
import dev.migrate.Version;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of the table at the history table's name, as a query's result describes them (name to
 * {@link Types}, in table order), and whether they make it migrate's table. In migrate's table a metadata column may carry the {@code migrate_} prefix, where a
 * user's column had the plain name first.
 */
record HistoryColumns(Map<String, Integer> types) {

    /** migrate's metadata columns and their definitions, beyond golang-migrate's {@code version} and {@code dirty}. */
    static final Map<String, String> METADATA;

    static {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("description", "text NOT NULL DEFAULT ''");
        metadata.put("checksum", "text");
        metadata.put("applied_at", "timestamptz NOT NULL DEFAULT now()");
        metadata.put("execution_ms", "bigint NOT NULL DEFAULT 0");
        metadata.put("applied_by", "text NOT NULL DEFAULT current_user");
        metadata.put("adopted_from", "text");
        metadata.put("claimed_by", "text");
        METADATA = Collections.unmodifiableMap(metadata);
    }

    /** Columns later releases added, added to a table of an earlier release when missing. */
    static final java.util.Set<String> ADDED_LATER = java.util.Set.of("adopted_from", "claimed_by");

    static final String PREFIX = "migrate_";

    /** No table. */
    static final HistoryColumns NONE = new HistoryColumns(Map.of());

    static HistoryColumns of(ResultSetMetaData metadata) throws SQLException {
        Map<String, Integer> types = new LinkedHashMap<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            // getColumnType, not getColumnTypeName: pgjdbc answers the latter with a query (is it serial?).
            types.put(metadata.getColumnLabel(i), metadata.getColumnType(i));
        }
        return new HistoryColumns(Collections.unmodifiableMap(types));
    }

    boolean has(String column) {
        return types.containsKey(column);
    }

    /** The name a metadata column has in this table: prefixed when the table has the prefixed one. */
    String name(String metadata) {
        return has(PREFIX + metadata) ? PREFIX + metadata : metadata;
    }

    /** The name to give a metadata column added to this table: prefixed when a user's column has the plain one. */
    String nameToAdd(String metadata) {
        return has(metadata) ? PREFIX + metadata : metadata;
    }

    /**
     * Whether these are migrate's columns: golang-migrate's version and dirty with migrate's metadata beside them
     * (those of {@link #ADDED_LATER} came in later releases and are added when missing).
     */
    boolean isMigrates() {
        return has("version") && has("dirty") && METADATA.keySet().stream()
                .filter(column -> !ADDED_LATER.contains(column)).allMatch(column -> has(name(column)));
    }

    /** The columns of {@link #ADDED_LATER} this table of migrate's lacks. */
    java.util.List<String> lacking() {
        return ADDED_LATER.stream().filter(column -> !has(name(column))).sorted().toList();
    }

    /** Whether the version column is a number ({@code bigint} before this release), which holds no 1.1. */
    boolean holdsWholeVersionsOnly() {
        Integer version = types.get("version");
        return version != null && (version == Types.BIGINT || version == Types.INTEGER || version == Types.NUMERIC);
    }

    /** The column names, for messages. */
    String describe() {
        return String.join(", ", types.keySet());
    }

    /**
     * migrate's rows from a {@code SELECT *} of this table, in version order. All but version, dirty and checksum
     * stay the server's text until the row is asked for whole.
     */
    List<HistoryRow> rows(ResultSet result) throws SQLException {
        int version = index("version");
        int dirty = index("dirty");
        int description = index(name("description"));
        int checksum = index(name("checksum"));
        int appliedAt = index(name("applied_at"));
        int executionMs = index(name("execution_ms"));
        int appliedBy = index(name("applied_by"));
        int adoptedFrom = index(name("adopted_from"));
        int claimedBy = index(name("claimed_by"));
        List<HistoryRow> rows = new ArrayList<>();
        while (result.next()) {
            Version v = version(result.getString(version));
            boolean d = result.getBoolean(dirty);
            String sum = result.getString(checksum);
            String text = result.getString(description);
            String at = result.getString(appliedAt);
            long ms = result.getLong(executionMs);
            String by = result.getString(appliedBy);
            String from = adoptedFrom == 0 ? null : result.getString(adoptedFrom);
            String claimant = claimedBy == 0 ? null : result.getString(claimedBy);
            rows.add(HistoryRow.lazy(v, d, sum, claimant,
                    () -> new AppliedMigration(v, text, sum, d, Timestamps.parse(at), ms, by, from)));
        }
        rows.sort(Comparator.comparing(HistoryRow::version));
        return rows;
    }

    /**
     * A version as the row holds it. Digits with leading zeros, which only a text column holds (dbmate's
     * {@code 00000000000000}, in a table extended in place), keep them, so that the row is found again by its text.
     */
    private static Version version(String text) {
        return text.length() > 1 && text.charAt(0) == '0' && text.chars().allMatch(Character::isDigit)
                ? Version.orderedAsText(text) : Version.parse(text);
    }

    /** A column's position in the result, from 1; 0 when the table has no such column. */
    private int index(String column) {
        int position = 1;
        for (String name : types.keySet()) {
            if (name.equals(column)) {
                return position;
            }
            position++;
        }
        return 0;
    }
}
