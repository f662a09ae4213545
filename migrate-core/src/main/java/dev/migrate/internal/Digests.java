package dev.migrate.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The message digests the engine takes: of scripts (its checksums, other tools'), of lock keys, of atlas.sum. */
public final class Digests {

    private static final HexFormat HEX = HexFormat.of();

    private Digests() {
    }

    /** A new digest of an algorithm every Java platform has ({@code SHA-256}, {@code SHA-384}). */
    public static MessageDigest of(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    /**
     * Each thread's SHA-256, reused: a start hashes every script, and looking the algorithm up among the security
     * providers for each of 10,000 files cost a cold JVM more than the hashing. {@code digest} resets it.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> of("SHA-256"));

    /** Lower-case hex of {@code algorithm} over {@code bytes}. */
    public static String hex(String algorithm, byte[] bytes) {
        MessageDigest digest = algorithm.equals("SHA-256") ? SHA_256.get() : of(algorithm);
        return hex(digest.digest(bytes));
    }

    /** Lower-case hex of bytes already digested (or read from another tool's table). */
    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }

    /** A copy of a digest part-way, to read its value and carry on (atlas.sum hashes a running prefix). */
    public static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + digest.getAlgorithm() + " can be cloned", e);
        }
    }
}
