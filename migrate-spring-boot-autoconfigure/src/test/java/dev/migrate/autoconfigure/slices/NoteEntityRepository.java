package dev.migrate.autoconfigure.slices;

import org.springframework.data.jpa.repository.JpaRepository;

/** Spring Data JPA's repository of notes. */
interface NoteEntityRepository extends JpaRepository<NoteEntity, Long> {
}
