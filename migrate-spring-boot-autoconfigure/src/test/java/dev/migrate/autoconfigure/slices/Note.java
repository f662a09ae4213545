package dev.migrate.autoconfigure.slices;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of the migrated {@code notes} table, as Spring Data JDBC maps it. */
@Table("notes")
record Note(@Id Long id, String body) {
}
