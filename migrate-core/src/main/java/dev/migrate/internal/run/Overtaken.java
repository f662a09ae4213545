package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import java.util.List;

/** Another run recorded (or removed) a step's version first: this run did not touch it. */
final class Overtaken extends RuntimeException {

    private final transient Step step;
    private final transient List<AppliedMigration> done;

    Overtaken(Step step, List<AppliedMigration> done) {
        super(null, null, false, false);
        this.step = step;
        this.done = List.copyOf(done);
    }

    Step step() {
        return step;
    }

    /** What this run did before it was overtaken, in order. */
    List<AppliedMigration> done() {
        return done;
    }
}
