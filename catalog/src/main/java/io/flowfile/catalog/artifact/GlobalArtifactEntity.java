package io.flowfile.catalog.artifact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code global_artifacts}: a name and the last version number it handed out. */
@Entity
@Table(name = "global_artifacts")
public class GlobalArtifactEntity {

    @Id
    private UUID id;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    @Column(name = "last_version", nullable = false)
    private int lastVersion;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected GlobalArtifactEntity() {
    }

    GlobalArtifactEntity(String name, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
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

    /** Hands out the next version number; the caller holds the row lock. */
    int nextVersion(Instant now) {
        lastVersion++;
        updatedAt = now;
        return lastVersion;
    }
}
