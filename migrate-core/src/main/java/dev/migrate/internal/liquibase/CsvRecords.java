package dev.migrate.internal.liquibase;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code loadData} file as Liquibase 4.33.0 reads it: records by RFC 4180 (as its opencsv parser reads them: fields
 * split at the separator, a field in quotes may hold separators, line breaks and doubled quotes, nothing trimmed),
 * and the text its checksum is of (the file without carriage returns, empty lines, lines starting with the comment
 * character, and the line breaks before the first line and after the last).
 */
final class CsvRecords {

    private CsvRecords() {
    }

    /** Every record, the header first. */
    static List<List<String>> read(String text, char separator, char quote) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == quote && i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    field.append(quote);
                    i++;
                } else if (c == quote) {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == quote && field.isEmpty()) {
                quoted = true;
                any = true;
            } else if (c == separator) {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || !field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** The text Liquibase checksums: without empty lines and comment lines, carriage returns dropped. */
    static String checksummed(String text, String commentLineStartsWith) {
        char comment = commentLineStartsWith == null || commentLineStartsWith.isEmpty() ? 0
                : commentLineStartsWith.charAt(0);
        List<String> kept = new ArrayList<>();
        for (String line : text.replace("\r", "").split("\n", -1)) {
            if (!line.isEmpty() && (comment == 0 || line.charAt(0) != comment)) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }
}
