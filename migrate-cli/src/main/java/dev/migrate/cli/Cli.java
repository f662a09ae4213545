package dev.migrate.cli;

import dev.migrate.MigrateException;
import java.io.PrintWriter;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs one command line and returns its exit code. Results go to {@code out}; progress (the engine's log) and
 * errors go to standard error, errors as one {@code error: ...} line with the engine's message.
 */
final class Cli {

    private final Map<String, String> environment;
    private final Prompt prompt;
    private final PrintWriter out;
    private final PrintWriter err;

    Cli(Map<String, String> environment, Prompt prompt, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.prompt = prompt;
        this.out = out;
        this.err = err;
    }

    int run(String... args) {
        MigrateCommand root = new MigrateCommand();
        root.environment = environment;
        root.prompt = prompt;
        CommandLine commandLine = new CommandLine(root);
        Commands.register(commandLine, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionStrategy(parsed -> {
            ProgressLogging.verbose(root.verbose);
            return new CommandLine.RunLast().execute(parsed);
        });
        commandLine.setParameterExceptionHandler((failure, arguments) -> {
            err.println("error: " + failure.getMessage());
            err.println("Run 'migrate " + (failure.getCommandLine() == commandLine ? ""
                    : failure.getCommandLine().getCommandName() + " ") + "--help' for usage.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            // no terminal escape, whatever a file name in the message holds
            err.println("error: " + OneLine.lines(message(failure)));
            if (root.verbose || !(failure instanceof MigrateException || failure instanceof UsageException)) {
                LoggerFactory.getLogger(Cli.class).debug("failure", failure);
            }
            return ExitCodes.of(failure);
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String message(Throwable failure) {
        if (failure instanceof MigrateException || failure instanceof UsageException) {
            return failure.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

}
