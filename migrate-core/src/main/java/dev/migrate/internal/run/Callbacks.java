package dev.migrate.internal.run;

import dev.migrate.Callback;
import dev.migrate.DatabaseAccessException;
import dev.migrate.Migration;
import dev.migrate.MigrationFailedException;
import dev.migrate.Script;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.ScriptExecutor;
import dev.migrate.internal.source.CallbackScript;
import dev.migrate.internal.sql.TransactionControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import dev.migrate.MigrateException;
import dev.migrate.MigrateResult;

/**
 * The callbacks of a run: the folder's SQL callbacks of an event (in file name order), then the Java ones (in the
 * order given). A SQL callback runs in the transaction it is called in (each-migration events of a transactional
 * migration); otherwise in a transaction of its own, or statement by statement when it holds a statement that
 * cannot run in one.
 */
final class Callbacks {

    static final Callbacks NONE = new Callbacks(List.of(), List.of());

    private final List<CallbackScript> scripts;
    private final List<Callback> java;

    Callbacks(List<CallbackScript> scripts, List<Callback> java) {
        this.scripts = List.copyOf(scripts);
        this.java = List.copyOf(java);
    }

    /** Whether any callback runs for one of {@code events}. */
    boolean any(Callback.Event... events) {
        return Arrays.stream(events).anyMatch(event -> scripts.stream().anyMatch(s -> s.event() == event)
                || java.stream().anyMatch(callback -> callback.supports(event)));
    }

    /** The SQL callbacks' scripts, for the checks made before anything runs. */
    List<Script> scripts() {
        return scripts.stream().map(CallbackScript::script).toList();
    }

    /**
     * Runs the callbacks of {@code event}.
     *
     * @throws MigrationFailedException if a SQL callback fails, naming it
     */
    void fire(Callback.Event event, Connection connection, Optional<Migration> migration) {
        List<Callback> due = new ArrayList<>();
        for (CallbackScript script : scripts) {
            if (script.event() == event) {
                due.add(sql(script));
            }
        }
        java.stream().filter(callback -> callback.supports(event)).forEach(due::add);
        Callback.Context context = new Callback.Context(connection, migration);
        for (Callback callback : due) {
            try {
                callback.handle(event, context);
            } catch (SQLException e) {
                throw new DatabaseAccessException("run the " + event + " callback " + callback, e);
            }
        }
    }

    /**
     * Runs the steps between the callbacks of the whole run: before, after (and after-applied), after an error,
     * and the operation-finish ones, as Flyway calls them.
     */
    MigrateResult around(Connection connection, boolean down, Supplier<MigrateResult> steps) {
        Optional<Migration> none = Optional.empty();
        Callback.Event finish = down ? Callback.Event.AFTER_UNDO_OPERATION_FINISH
                : Callback.Event.AFTER_MIGRATE_OPERATION_FINISH;
        MigrateResult result;
        try {
            fire(down ? Callback.Event.BEFORE_UNDO : Callback.Event.BEFORE_MIGRATE, connection, none);
            result = steps.get();
            if (!down && !result.applied().isEmpty()) {
                fire(Callback.Event.AFTER_MIGRATE_APPLIED, connection, none);
            }
            fire(down ? Callback.Event.AFTER_UNDO : Callback.Event.AFTER_MIGRATE, connection, none);
        } catch (MigrateException e) {
            fireAfterFailure(down ? Callback.Event.AFTER_UNDO_ERROR : Callback.Event.AFTER_MIGRATE_ERROR,
                    connection, none);
            fireAfterFailure(finish, connection, none);
            throw e;
        }
        fire(finish, connection, none);
        return result;
    }

    /** Runs {@code event}'s callbacks after a failure: a failing one is logged, never hiding the first failure. */
    void fireAfterFailure(Callback.Event event, Connection connection, Optional<Migration> migration) {
        try {
            fire(event, connection, migration);
        } catch (RuntimeException e) {
            ProgressLog.LOG.warn("the {} callback failed too: {}", event, e.getMessage());
        }
    }

    private static Callback sql(CallbackScript callback) {
        return new Callback() {
            @Override
            public boolean supports(Event event) {
                return event == callback.event();
            }

            @Override
            public void handle(Event event, Context context) throws SQLException {
                Connection connection = context.connection();
                Script script = callback.script();
                try {
                    if (!connection.getAutoCommit()) {
                        ScriptExecutor.runWhole(connection, script.sql());
                    } else if (script.transactional()) {
                        Transaction.run(connection, () -> {
                            ScriptExecutor.runWhole(connection, TransactionControl.of(script.sql()).runnable());
                            return null;
                        }, ScriptExecutor::failure);
                    } else {
                        ScriptExecutor.runEach(connection, script.sql());
                    }
                } catch (ScriptExecutor.ScriptFailure failure) {
                    throw MigrationFailedException.callback(event.id(), script, failure.error(), failure.getCause());
                }
                ProgressLog.LOG.info("ran the {} callback {}", event, script.name());
            }

            @Override
            public String toString() {
                return callback.script().name();
            }
        };
    }
}
