package dev.migrate.test;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads what a PostgreSQL client sends and counts the messages after which it waits for the server: a simple
 * {@code Query} ('Q') or the {@code Sync} ('S') that ends an extended-protocol exchange. Each is one round trip, so
 * tests can say how many a run takes without timing it. The start-up exchange (an SSL or GSS request, the start-up
 * message, which carry no type byte) is not counted, nor is authentication.
 */
final class WaitCount {

    private static final int PROTOCOL_3 = 196_608;

    private final AtomicLong total;
    private boolean started;
    private final byte[] header = new byte[8];
    private int headerRead;
    private long bodyLeft;

    WaitCount(AtomicLong total) {
        this.total = total;
    }

    /** Reads the next bytes the client sent. */
    void read(byte[] bytes, int length) {
        int at = 0;
        while (at < length) {
            if (bodyLeft > 0) {
                int skip = (int) Math.min(bodyLeft, length - at);
                bodyLeft -= skip;
                at += skip;
                continue;
            }
            int headerSize = started ? 5 : 8; // type byte and length, or length and code before start-up
            int take = Math.min(headerSize - headerRead, length - at);
            System.arraycopy(bytes, at, header, headerRead, take);
            headerRead += take;
            at += take;
            if (headerRead < headerSize) {
                return;
            }
            headerRead = 0;
            if (started) {
                if (header[0] == 'Q' || header[0] == 'S') {
                    total.incrementAndGet();
                }
                bodyLeft = intAt(1) - 4L;
            } else {
                started = intAt(4) == PROTOCOL_3; // else an SSL or GSS request, answered by one byte
                bodyLeft = intAt(0) - 8L;
            }
        }
    }

    private int intAt(int offset) {
        return ((header[offset] & 0xff) << 24) | ((header[offset + 1] & 0xff) << 16) | ((header[offset + 2] & 0xff) << 8)
                | (header[offset + 3] & 0xff);
    }
}
