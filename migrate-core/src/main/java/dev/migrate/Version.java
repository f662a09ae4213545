package dev.migrate;

/**
 * A migration's version: the number at the start of its file name, ordered numerically (9 before 10).
 * Leading zeros are not part of the value. Stored as a PostgreSQL {@code bigint}, so at most
 * 9223372036854775807, which holds any {@code YYYYMMDDHHMMSS} timestamp.
 */
public record Version(long value) implements Comparable<Version> {

    public Version {
        if (value < 0) {
            throw new IllegalArgumentException("version must be >= 0, was " + value);
        }
    }

    /**
     * Parses decimal digits, leading zeros allowed.
     *
     * @throws IllegalArgumentException if {@code digits} is not a number in range, with a message saying why
     */
    public static Version parse(String digits) {
        boolean decimal = !digits.isEmpty();
        for (int i = 0; i < digits.length() && decimal; i++) {
            decimal = digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
        }
        if (!decimal) {
            throw new IllegalArgumentException("version must be decimal digits, was '" + digits + "'");
        }
        try {
            return new Version(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version " + digits
                    + " is larger than 9223372036854775807, the largest a bigint history column holds");
        }
    }

    @Override
    public int compareTo(Version other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
