package dev.migrate.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code create [-ext E] [-dir D] [-seq|-ts] [-digits N] NAME}: writes an empty up/down pair. */
@picocli.CommandLine.Command(name = "create",
        description = {"Create an empty up/down migration pair titled NAME in directory D.",
                "Versions are UTC timestamps (YYYYMMDDHHMMSS) unless -seq asks for the next sequence number."},
        footerHeading = "%nExamples:%n",
        footer = {"  migrate create -ext sql -dir db/migrations -seq add_orders_table",
                "  migrate create -dir db/migrations -ts add_stock_movements"})
final class CreateCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-ext", "--ext"}, paramLabel = "E", defaultValue = "sql", description = "File extension (default: sql).")
    String extension;

    @Option(names = {"-dir", "--dir"}, paramLabel = "D",
            description = "Directory for the files (default: -path, else the current directory).")
    String dir;

    @Option(names = {"-seq", "--seq"}, description = "Number sequentially, continuing the folder's numbering.")
    boolean sequential;

    @Option(names = {"-ts", "--ts"}, description = "Number with the UTC time, YYYYMMDDHHMMSS (the default).")
    boolean timestamp;

    @Option(names = {"-digits", "--digits"}, paramLabel = "N",
            description = "With -seq: digits in the number (default: as the folder's files, 6 if empty).")
    int digits;

    @Parameters(paramLabel = "NAME", description = "What the migration does, e.g. add_orders_table.")
    String name;

    /** Set by tests; the system clock otherwise. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        if (sequential && timestamp) {
            throw new UsageException("give either -seq or -ts, not both");
        }
        Path folder = Path.of(dir != null ? dir : root.path != null ? root.path : ".");
        NewMigrationFiles.Created created;
        try {
            created = NewMigrationFiles.create(folder, name, sequential ? NewMigrationFiles.Numbering.SEQUENTIAL
                    : NewMigrationFiles.Numbering.TIMESTAMP, digits, extension, clock);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        spec.commandLine().getOut().println(created.up());
        spec.commandLine().getOut().println(created.down());
        return ExitCodes.SUCCESS;
    }
}
