package dev.migrate.internal.adopt;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads one tool's record of applied migrations, if this database has one. */
public interface ForeignHistory {

    /** The tool's name as users know it: {@code golang-migrate}, {@code sqlx}, ... */
    String tool();

    /** Where the tool's table may be, as SQL text: read is asked only when one of them exists. */
    List<String> tables();

    /** Whether read finds the tool's table itself, by its columns, for this folder: then it is always asked. */
    default boolean looksForItself(FilesByVersion files) {
        return false;
    }

    /** The tool's history as migrate's rows (nothing is written), or empty when its table is not here. */
    Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException;
}
