package dev.migrate.cli;

import dev.migrate.MigrateException;
import dev.migrate.ValidationResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code validate}: every reason {@code up} would refuse to run, changing nothing. */
@picocli.CommandLine.Command(name = "validate",
        description = "Check the files against the history: changed, missing, out-of-order or dirty migrations.",
        footerHeading = "%nExamples:%n", footer = {"  migrate -path db/migrations validate"})
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ValidationResult result = root.migrator().validate();
        if (result.valid()) {
            spec.commandLine().getOut().println("ok: the migration files match the database");
            return ExitCodes.SUCCESS;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (MigrateException problem : result.problems()) {
            err.println("error: " + problem.getMessage());
        }
        return ExitCodes.of(result.problems().get(0));
    }
}
