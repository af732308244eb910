package io.flowfile.catalog.flow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A row of {@code flows}: a registered flow's name and the last version number it handed out. */
@Entity
@Table(name = "flows")
public class FlowEntity {

    @Id
    private UUID id;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    @Column(name = "description", length = 4000)
    private String description;

    @Column(name = "last_version", nullable = false)
    private int lastVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected FlowEntity() {
    }

    FlowEntity(String name, String description, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.description = description;
        this.lastVersion = 0;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    int lastVersion() {
        return lastVersion;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    /** Hands out the next version number; the caller holds the row lock. */
    int nextVersion(Instant now) {
        lastVersion++;
        updatedAt = now;
        return lastVersion;
    }

    void describe(String newDescription, Instant now) {
        if (!Objects.equals(description, newDescription)) {
            description = newDescription;
            updatedAt = now;
        }
    }
}
