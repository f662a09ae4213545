package dev.migrate.fleet;

/** What a fleet does after a target fails. */
public enum OnError {
    /** Claim no new target, in this worker or any other; those in progress finish. */
    STOP,
    /** Record the failure and go on with the other targets. */
    CONTINUE
}
