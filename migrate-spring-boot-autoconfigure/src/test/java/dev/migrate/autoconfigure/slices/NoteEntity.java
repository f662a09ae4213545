package dev.migrate.autoconfigure.slices;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The migrated {@code notes} table as a JPA entity. */
@Entity
@Table(name = "notes")
class NoteEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    String body;

    protected NoteEntity() {
    }

    NoteEntity(String body) {
        this.body = body;
    }

    String body() {
        return body;
    }
}
