package dev.migrate.cli;

import java.io.PrintWriter;

/** The {@code migrate} command: exits 0 on success and with a documented non-zero code on failure. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Prefetch.start();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = new Cli(System.getenv(), Prompt.console(), out, err).run(args);
        System.exit(Interrupts.exitCode().orElse(code));
    }
}
