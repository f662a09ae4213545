package dev.migrate.internal.postgres;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code timestamptz} in the text form the server sends it: ISO date style (the only one pgjdbc
 * accepts), offset in the session's time zone: {@code 2026-11-21 07:24:00.123456+01}, {@code ...+05:30}, and
 * for local mean times before 1900 {@code ...+00:19:32}.
 */
final class Timestamps {

    // Minutes and seconds when not zero. The server never writes "Z"; "+00" as the no-offset text would stop
    // the parser after the hours of +00:19:32.
    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .appendOffset("+HH:mm:ss", "Z").toFormatter();

    private Timestamps() {
    }

    /**
     * The instant, or {@code null} when there is none to show: no value, or one that is not a finite date in
     * our era ({@code infinity}, a date BC). migrate writes {@code now()}; only a hand edit gives the others, and
     * the time a migration ran is shown, never used to decide anything.
     */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, ISO).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
