package dev.migrate.cli;

import dev.migrate.Change;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code up [N]}: applies all or the next N pending migrations. */
@picocli.CommandLine.Command(name = "up", description = "Apply all or N pending migrations.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations -database \"$DATABASE_URL\" up",
                "  migrate -path db/migrations up 2",
                "  migrate -path db/migrations up --dry-run"})
final class UpCommand implements Callable<Integer> {

    @Mixin
    Changes changes;

    @Parameters(arity = "0..1", paramLabel = "N", description = "How many pending migrations to apply (default: all).")
    Integer count;

    @Override
    public Integer call() {
        if (count != null && count < 1) {
            throw new UsageException("N must be 1 or more, was " + count);
        }
        return changes.run(count == null ? Change.up() : Change.upNext(count));
    }
}
