package dev.migrate.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.postgresql.PGProperty;

/** A database URL's parameter that nothing knows, refused with the name most likely meant. */
final class UnknownParameter {

    private UnknownParameter() {
    }

    /**
     * A parameter neither libpq's that migrate maps nor the driver's own: refused, since the driver would ignore it
     * and a misspelt {@code sslmod=require} would connect without TLS.
     */
    static UsageException refusal(String name, Collection<String> mapped) {
        List<String> known = new ArrayList<>(mapped);
        known.addAll(List.of("connect_timeout", "sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword",
                "options", "user", "password", "x-migrations-table", "x-statement-timeout", "x-lock-timeout"));
        Collections.sort(known);
        Stream<String> driver = Arrays.stream(PGProperty.values()).map(PGProperty::getName);
        String closest = Stream.concat(known.stream(), driver)
                .min(Comparator.comparingInt(candidate -> distance(name.toLowerCase(Locale.ROOT),
                        candidate.toLowerCase(Locale.ROOT)))).orElseThrow();
        return new UsageException("the database URL's parameter '" + name + "' is not one migrate or the PostgreSQL "
                + "driver knows" + (distance(name.toLowerCase(Locale.ROOT), closest.toLowerCase(Locale.ROOT)) <= 2
                        ? " (did you mean '" + closest + "'?)" : "") + ", and a parameter the driver ignores could "
                + "leave the connection other than asked (a misspelt sslmode connects without TLS). Known: "
                + String.join(", ", known) + ", and the PostgreSQL JDBC driver's own properties.");
    }

    /** The Levenshtein distance between two names, for suggesting the one meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
