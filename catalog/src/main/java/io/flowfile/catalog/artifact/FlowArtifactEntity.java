package io.flowfile.catalog.artifact;

import io.flowfile.catalog.api.ArtifactFormat;
import io.flowfile.catalog.api.FlowArtifactRecord;
import io.flowfile.catalog.api.FlowArtifactSpec;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code flow_artifacts}: one per flow, kernel and artifact name. */
@Entity
@Table(name = "flow_artifacts")
public class FlowArtifactEntity {

    @Id
    private UUID id;

    @Column(name = "flow_name", nullable = false, length = 128)
    private String flowName;

    @Column(name = "kernel_id", nullable = false, length = 64)
    private String kernelId;

    @Column(name = "name", nullable = false, length = 128)
    private String name;

    @Column(name = "node_id", nullable = false, length = 128)
    private String nodeId;

    @Column(name = "python_type", nullable = false, length = 256)
    private String pythonType;

    @Enumerated(EnumType.STRING)
    @Column(name = "format", nullable = false, length = 16)
    private ArtifactFormat format;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "sha256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected FlowArtifactEntity() {
    }

    FlowArtifactEntity(FlowArtifactSpec spec, Instant now) {
        this.id = UUID.randomUUID();
        this.flowName = spec.flowName();
        this.kernelId = spec.kernelId();
        this.name = spec.name();
        replace(spec, now);
    }

    /** A new publish under the same flow, kernel and name. */
    void replace(FlowArtifactSpec spec, Instant now) {
        nodeId = spec.nodeId();
        pythonType = spec.pythonType();
        format = spec.format();
        sizeBytes = spec.sizeBytes();
        sha256 = spec.sha256();
        createdAt = now;
    }

    FlowArtifactRecord toRecord() {
        return new FlowArtifactRecord(id, new FlowArtifactSpec(flowName, kernelId, name, nodeId, pythonType, format, sizeBytes, sha256),
                createdAt);
    }
}
