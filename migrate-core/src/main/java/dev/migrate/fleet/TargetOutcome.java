package dev.migrate.fleet;

import java.time.Duration;
import java.util.Optional;

/**
 * What became of one target in a fleet's run, as this worker saw it.
 *
 * @param applied how many migrations this worker applied to it
 * @param version its version after the run, when this worker ran it
 * @param error why it failed: the failure's message, naming the file, the line and the SQLSTATE
 * @param attempts which attempt of the release this was (a crashed worker's target is attempted again)
 */
public record TargetOutcome(Target target, State state, int applied, Optional<String> version,
        Optional<String> error, Duration took, int attempts) {

    /** A target's state at the end of a worker's run. */
    public enum State {
        /** This worker ran it and it is at the folder's newest version now (having applied some or none). */
        DONE,
        /** This worker ran it and a migration failed, or it could not be run at all. */
        FAILED,
        /** Another worker ran it, or runs it still under its lease, in this release. */
        BY_ANOTHER_WORKER,
        /** Not started: a failure stopped the fleet, or a canary failed. */
        NOT_STARTED
    }

    static TargetOutcome notRunHere(Target target, State state) {
        return new TargetOutcome(target, state, 0, Optional.empty(), Optional.empty(), Duration.ZERO, 0);
    }
}
