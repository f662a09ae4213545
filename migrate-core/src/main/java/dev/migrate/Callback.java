package dev.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Work run at points of a run, on the run's connection and under its lock, as Flyway's callbacks run: SQL files
 * named after the event in a Flyway folder ({@code afterMigrate.sql}, {@code beforeEachMigrate__grants.sql}), and
 * Java callbacks given to {@link MigratorBuilder#callback} (in Spring, {@code Callback} beans). A failing callback
 * fails the run as a failing migration does.
 */
public interface Callback {

    /** The points of a run that call back, named as Flyway names them. */
    enum Event {
        /** Before the first migration of a run up, under the lock; also when there is nothing to apply. */
        BEFORE_MIGRATE("beforeMigrate"),
        /** Before each migration, in its transaction when it has one. */
        BEFORE_EACH_MIGRATE("beforeEachMigrate"),
        /** After each migration, in its transaction when it has one. */
        AFTER_EACH_MIGRATE("afterEachMigrate"),
        /** After a migration failed (and its transaction was rolled back). */
        AFTER_EACH_MIGRATE_ERROR("afterEachMigrateError"),
        /** After the versioned migrations of a run up. */
        AFTER_VERSIONED("afterVersioned"),
        /** Before the repeatable migrations a run up applies, when it applies any. */
        BEFORE_REPEATABLES("beforeRepeatables"),
        /** After a run up that applied at least one migration. */
        AFTER_MIGRATE_APPLIED("afterMigrateApplied"),
        /** After a run up that succeeded; also when there was nothing to apply. */
        AFTER_MIGRATE("afterMigrate"),
        /** After a run up failed. */
        AFTER_MIGRATE_ERROR("afterMigrateError"),
        /** After a run up, whatever its outcome. */
        AFTER_MIGRATE_OPERATION_FINISH("afterMigrateOperationFinish"),
        /** Before the first rollback of a run down. */
        BEFORE_UNDO("beforeUndo"),
        /** Before each rollback, in its transaction when it has one. */
        BEFORE_EACH_UNDO("beforeEachUndo"),
        /** After each rollback, in its transaction when it has one. */
        AFTER_EACH_UNDO("afterEachUndo"),
        /** After a rollback failed. */
        AFTER_EACH_UNDO_ERROR("afterEachUndoError"),
        /** After a run down that succeeded. */
        AFTER_UNDO("afterUndo"),
        /** After a run down failed. */
        AFTER_UNDO_ERROR("afterUndoError"),
        /** After a run down, whatever its outcome. */
        AFTER_UNDO_OPERATION_FINISH("afterUndoOperationFinish");

        private final String id;

        Event(String id) {
            this.id = id;
        }

        /** Flyway's name: {@code afterMigrate}. */
        public String id() {
            return id;
        }

        /** The event Flyway names {@code id}, if migrate has it. */
        public static Optional<Event> of(String id) {
            return Arrays.stream(values()).filter(event -> event.id.equals(id)).findFirst();
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * Where a callback runs: the run's connection (in the migration's transaction for the each-migration events of
     * a transactional migration, else in autocommit) and the migration it is about, if any.
     */
    record Context(Connection connection, Optional<Migration> migration) {
    }

    /** Whether this callback runs for {@code event}. */
    boolean supports(Event event);

    /** Runs for {@code event}. */
    void handle(Event event, Context context) throws SQLException;
}
