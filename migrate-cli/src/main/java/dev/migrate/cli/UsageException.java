package dev.migrate.cli;

/** The command line is wrong: the CLI prints the message and exits with 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
