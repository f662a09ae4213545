package dev.migrate.cli;

import dev.migrate.Migrator;
import java.util.OptionalInt;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM (Ctrl-C, {@code docker stop}, a Kubernetes pod's end) during a run. Without this, the JVM
 * exited at once while its server session went on with what had been sent, committing migrations after the process
 * was gone and without the lock. Now the run's statement in flight is cancelled on the server, its transaction
 * rolls back, the lock is released, the failure says what that left, and the process exits with 130 (SIGINT) or 143
 * (SIGTERM). If the run has not stopped within ten seconds, or a second signal comes, the process ends at once,
 * saying that the outcome is unknown.
 */
final class Interrupts {

    private static final long GRACE_MS = 10_000;

    /** What stops the command's run: a migrator's or a fleet's cancel. */
    private static volatile java.util.function.BooleanSupplier current;
    private static volatile Thread main;
    /** 128 + the signal's number once one came, as a shell reports a process a signal ended; 0 before. */
    private static volatile int exitCode;

    private Interrupts() {
    }

    /** Takes over SIGINT and SIGTERM for the calling thread's runs; where the JVM cannot, their defaults stay. */
    private static void install() {
        main = Thread.currentThread();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), Interrupts::received);
            } catch (IllegalArgumentException unavailable) {
                // this platform or JVM does not let it be handled: the default (exit at once) stays
            }
        }
    }

    /**
     * The migrator the command runs, to be stopped on a signal; the handlers are installed with the first one, so
     * that commands that reach no database (create, -version) do not load them.
     */
    static synchronized Migrator watch(Migrator migrator) {
        watch(migrator::cancel);
        return migrator;
    }

    /** As {@link #watch(Migrator)}, for a fleet: each of its targets running here is stopped. */
    static synchronized dev.migrate.fleet.Fleet watch(dev.migrate.fleet.Fleet fleet) {
        watch(fleet::cancel);
        return fleet;
    }

    private static void watch(java.util.function.BooleanSupplier cancel) {
        if (main == null) {
            install();
        }
        current = cancel;
    }

    /** The exit code a signal asked for, if one came. */
    static OptionalInt exitCode() {
        return exitCode == 0 ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    private static void received(Signal signal) {
        int code = 128 + signal.getNumber();
        if (exitCode != 0) {
            Runtime.getRuntime().halt(code); // a second signal: the operator wants out now
        }
        exitCode = code;
        java.util.function.BooleanSupplier cancel = current;
        if (cancel == null || !cancel.getAsBoolean()) {
            System.exit(code); // no run under way: nothing to stop on the server
            return;
        }
        System.err.println("interrupted (SIG" + signal.getName() + "): cancelling the statement in flight and "
                + "stopping the run");
        Thread waits = main;
        if (waits != null) {
            waits.interrupt(); // a wait for the lock or for the database ends too
        }
        Thread deadline = new Thread(() -> {
            try {
                Thread.sleep(GRACE_MS);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("error: the run did not stop within " + GRACE_MS / 1000 + " s of SIG" + signal.getName()
                    + ", so whether its last migration committed is unknown. Run 'migrate status' to see, and look "
                    + "in pg_stat_activity for a session still at work (application_name migrate).");
            Runtime.getRuntime().halt(code);
        }, "interrupt deadline");
        deadline.setDaemon(true);
        deadline.start();
    }
}
