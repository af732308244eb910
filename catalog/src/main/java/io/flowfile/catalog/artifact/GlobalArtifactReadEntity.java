package io.flowfile.catalog.artifact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code global_artifact_reads}: one per artifact version, flow scope and node. */
@Entity
@Table(name = "global_artifact_reads")
public class GlobalArtifactReadEntity {

    @Id
    private UUID id;

    @Column(name = "version_id", nullable = false)
    private UUID versionId;

    @Column(name = "flow_scope", nullable = false, length = 128)
    private String flowScope;

    @Column(name = "node_id", nullable = false, length = 128)
    private String nodeId;

    @Column(name = "kernel_id", nullable = false, length = 64)
    private String kernelId;

    @Column(name = "read_count", nullable = false)
    private long count;

    @Column(name = "last_read_at", nullable = false)
    private Instant lastReadAt;

    protected GlobalArtifactReadEntity() {
    }

    GlobalArtifactReadEntity(UUID versionId, String flowScope, String nodeId, String kernelId, Instant now) {
        this.id = UUID.randomUUID();
        this.versionId = versionId;
        this.flowScope = flowScope;
        this.nodeId = nodeId;
        this.kernelId = kernelId;
        this.count = 1;
        this.lastReadAt = now;
    }

    UUID versionId() {
        return versionId;
    }

    String flowScope() {
        return flowScope;
    }

    String nodeId() {
        return nodeId;
    }

    String kernelId() {
        return kernelId;
    }

    long count() {
        return count;
    }

    Instant lastReadAt() {
        return lastReadAt;
    }
}
