package dev.migrate.cli;

import dev.migrate.Change;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code down [N] | down -all}: rolls back the N newest migrations, or all of them. Without N or -all it asks
 * on a terminal, as golang-migrate does, and refuses elsewhere: a script must say how far to go.
 */
@picocli.CommandLine.Command(name = "down", description = "Roll back N (or -all) applied migrations, newest first.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations down 1",
                "  migrate -path db/migrations down -all",
                "  migrate -path db/migrations down 2 --dry-run"})
final class DownCommand implements Callable<Integer> {

    @Mixin
    Changes changes;

    @Parameters(arity = "0..1", paramLabel = "N", description = "How many migrations to roll back.")
    Integer count;

    @Option(names = {"-all", "--all"}, description = "Roll back every applied migration, without asking.")
    boolean all;

    @Override
    public Integer call() {
        if (count != null && all) {
            throw new UsageException("give either N or -all, not both");
        }
        if (count != null) {
            if (count < 1) {
                throw new UsageException("N must be 1 or more, was " + count);
            }
            return changes.run(Change.down(count));
        }
        if (!all && !changes.dryRun) {
            Prompt prompt = changes.root().prompt;
            if (!prompt.interactive()) {
                throw new UsageException("down needs N or -all when not run from a terminal, since without them it "
                        + "rolls back every migration: migrate down 1, or migrate down -all");
            }
            String answer = prompt.ask("Are you sure you want to apply all down migrations? [y/N] ");
            if (!answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
                changes.spec.commandLine().getErr().println("Not applying all down migrations");
                return ExitCodes.SUCCESS;
            }
        }
        return changes.run(Change.downAll());
    }
}
