package dev.migrate.cli;

import dev.migrate.CleanResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code drop [-f]} (also {@code clean}): golang-migrate's {@code drop} and Flyway's {@code clean}, a development
 * reset. It asks on a terminal, and refuses elsewhere unless forced: a script that empties a schema must say so.
 */
@Command(name = "drop", aliases = "clean", description = "Drop every object in the schema (tables, views, "
        + "sequences, routines, types, the history): a development reset. Asks first; -f skips the question.",
        footerHeading = "%nExamples:%n", footer = {"  migrate -database \"$DATABASE_URL\" drop",
                "  migrate -database \"$DATABASE_URL\" drop -f && migrate -path db/migrations up"})
final class DropCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Drop without asking (needed when not run from a terminal).")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!force) {
            Prompt prompt = root.prompt;
            if (!prompt.interactive()) {
                throw new UsageException("drop empties the schema, data included, so it asks first; not run from a "
                        + "terminal, it needs -f: migrate drop -f");
            }
            String answer = prompt.ask("Are you sure you want to drop the entire database schema? [y/N] ");
            if (!answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
                err.println("Aborted dropping the entire database schema");
                err.flush();
                return ExitCodes.SUCCESS;
            }
        }
        CleanResult result = root.cleaner().clean();
        PrintWriter out = spec.commandLine().getOut();
        result.dropped().forEach(object -> out.println("dropped " + object));
        result.remaining().forEach(object -> out.println("left " + object + " (clean does not drop this kind)"));
        out.println("dropped " + result.dropped().size() + " object" + (result.dropped().size() == 1 ? "" : "s")
                + " in schema " + result.schema());
        out.flush();
        return ExitCodes.SUCCESS;
    }
}
