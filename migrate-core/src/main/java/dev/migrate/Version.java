package dev.migrate;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * A migration's version: a whole number ({@code 7}, {@code 20240101120000}) or dotted numbers ({@code 2.0.1}), as
 * Flyway writes them. Versions compare part by part as numbers of any size, so 9 comes before 10 and 1.9 before
 * 1.10, and missing parts count as zero, so 1.0 equals 1. Leading zeros are not part of the value.
 *
 * <p>diesel alone orders its versions as text ({@code 20240601000000} after {@code 202405010000000000}); its
 * versions are made with {@link #orderedAsText} and compare as diesel compares them. Equal versions are equal
 * numbers either way.
 */
public final class Version implements Comparable<Version> {

    private final String text;
    private final BigInteger[] parts;
    private final boolean orderedAsText;
    /**
     * The value when it is a whole number that fits a {@code long}, else -1: nearly every version is one, and a
     * folder's thousands of them are compared and looked up on every start.
     */
    private final long whole;

    private Version(String text, BigInteger[] parts, boolean orderedAsText) {
        this.text = text;
        this.parts = parts;
        this.orderedAsText = orderedAsText;
        this.whole = parts.length == 1 && parts[0].bitLength() < 64 ? parts[0].longValue() : -1;
    }

    /** A whole-number version. */
    public Version(long value) {
        this(Long.toString(requireNotNegative(value)), new BigInteger[] {BigInteger.valueOf(value)}, false);
    }

    private static long requireNotNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + value);
        }
        return value;
    }

    /**
     * Parses decimal digits ({@code 0042}) or digits separated by single dots ({@code 1.2.3}).
     *
     * @throws IllegalArgumentException if {@code text} is not such a version, with a message saying why
     */
    public static Version parse(String text) {
        if (text.length() <= 18 && isDigits(text)) { // fits a long: the common case, without BigInteger parsing
            long value = Long.parseLong(text);
            return new Version(Long.toString(value), new BigInteger[] {BigInteger.valueOf(value)}, false);
        }
        String[] pieces = text.split("\\.", -1);
        BigInteger[] parts = new BigInteger[pieces.length];
        StringBuilder canonical = new StringBuilder();
        for (int i = 0; i < pieces.length; i++) {
            if (!isDigits(pieces[i])) {
                throw new IllegalArgumentException("version must be decimal digits, or digits separated by dots "
                        + "(1.2.3), was '" + text + "'");
            }
            parts[i] = new BigInteger(pieces[i]);
            canonical.append(i == 0 ? "" : ".").append(parts[i]);
        }
        return new Version(canonical.toString(), trimmed(parts), false);
    }

    /**
     * A whole-number version that orders as its text does, as diesel orders them; the text is kept as written,
     * since it is what diesel records.
     *
     * @throws IllegalArgumentException if {@code digits} is not decimal digits
     */
    public static Version orderedAsText(String digits) {
        if (!isDigits(digits)) {
            throw new IllegalArgumentException("version must be decimal digits, was '" + digits + "'");
        }
        return new Version(digits, new BigInteger[] {new BigInteger(digits)}, true);
    }

    private static boolean isDigits(String text) {
        boolean digits = !text.isEmpty();
        for (int i = 0; i < text.length() && digits; i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        return digits;
    }

    /** Drops trailing zero parts, which do not change a version's value (1.0 is 1). */
    private static BigInteger[] trimmed(BigInteger[] parts) {
        int length = parts.length;
        while (length > 1 && parts[length - 1].signum() == 0) {
            length--;
        }
        return length == parts.length ? parts : Arrays.copyOf(parts, length);
    }

    /** Whether this is a whole number (1.0 is). */
    public boolean isWholeNumber() {
        return parts.length == 1;
    }

    /** The version as a {@code long}, when it is a whole number that fits one (how JSON shows such a version). */
    public Optional<Long> asLong() {
        return whole >= 0 ? Optional.of(whole) : Optional.empty();
    }

    /**
     * The version as the CLI's JSON and the actuator endpoint show it: a {@code Long} when it is a whole number that
     * fits one, else its text ({@code "2.1"}).
     */
    public Object jsonValue() {
        return asLong().<Object>map(v -> v).orElse(text);
    }

    /** Whether this version orders as text, as diesel's do. */
    public boolean isOrderedAsText() {
        return orderedAsText;
    }

    /** The same value, ordered as text (as diesel orders): for versions read back from a history of diesel's. */
    public Version asOrderedAsText() {
        return orderedAsText || !isWholeNumber() ? this : new Version(text, parts, true);
    }

    @Override
    public int compareTo(Version other) {
        if ((orderedAsText || other.orderedAsText) && isWholeNumber() && other.isWholeNumber()) {
            // Text order without leading zeros: equal exactly when the numbers are, so it agrees with equals.
            return digits().compareTo(other.digits());
        }
        if (whole >= 0 && other.whole >= 0) {
            return Long.compare(whole, other.whole);
        }
        for (int i = 0; i < Math.max(parts.length, other.parts.length); i++) {
            int order = part(i).compareTo(other.part(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** A whole number's digits without leading zeros. */
    private String digits() {
        return whole >= 0 ? Long.toString(whole) : parts[0].toString();
    }

    private BigInteger part(int index) {
        return index < parts.length ? parts[index] : BigInteger.ZERO;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Version version)) {
            return false;
        }
        return whole >= 0 || version.whole >= 0 ? whole == version.whole : Arrays.equals(parts, version.parts);
    }

    @Override
    public int hashCode() {
        return whole >= 0 ? Long.hashCode(whole) : Arrays.hashCode(parts);
    }

    /** The version as written: dotted as in its file name, diesel's with its leading zeros. */
    @Override
    public String toString() {
        return text;
    }
}
