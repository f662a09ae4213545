package dev.migrate.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one logger the engine reports its progress to ({@code dev.migrate}), whichever class does the work: users
 * configure one name, and no internal class needs the public facade for its logger.
 */
public final class ProgressLog {

    public static final Logger LOG = LoggerFactory.getLogger("dev.migrate");

    private ProgressLog() {
    }
}
