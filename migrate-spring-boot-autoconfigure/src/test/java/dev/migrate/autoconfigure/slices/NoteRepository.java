package dev.migrate.autoconfigure.slices;

import org.springframework.data.repository.ListCrudRepository;

/** Spring Data JDBC's repository of notes. */
interface NoteRepository extends ListCrudRepository<Note, Long> {
}
