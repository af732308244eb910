package io.flowfile.catalog.artifact;

import io.flowfile.catalog.api.ArtifactFormat;
import io.flowfile.catalog.api.FlowVersionRecord;
import io.flowfile.catalog.api.GlobalArtifactRecord;
import io.flowfile.catalog.api.Lineage;
import io.flowfile.catalog.api.PublishRequest;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A row of {@code global_artifact_versions} with its tags ({@code global_artifact_tags}). */
@Entity
@Table(name = "global_artifact_versions")
public class GlobalArtifactVersionEntity {

    @Id
    private UUID id;

    @Column(name = "artifact_id", nullable = false)
    private UUID artifactId;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "python_type", nullable = false, length = 256)
    private String pythonType;

    @Enumerated(EnumType.STRING)
    @Column(name = "format", nullable = false, length = 16)
    private ArtifactFormat format;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(name = "sha256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "description", length = 4000)
    private String description;

    @ElementCollection
    @CollectionTable(name = "global_artifact_tags", joinColumns = @JoinColumn(name = "version_id"))
    @Column(name = "tag", nullable = false, length = 64)
    private Set<String> tags = new HashSet<>();

    @Column(name = "flow_name", nullable = false, length = 128)
    private String flowName;

    @Column(name = "flow_version", nullable = false)
    private int flowVersion;

    @Column(name = "flow_id")
    private UUID flowId;

    @Column(name = "flow_version_id")
    private UUID flowVersionId;

    @Column(name = "run_id")
    private UUID runId;

    @Column(name = "node_id", length = 128)
    private String nodeId;

    @Column(name = "kernel_id", length = 64)
    private String kernelId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GlobalArtifactVersionEntity() {
    }

    GlobalArtifactVersionEntity(UUID artifactId, int version, PublishRequest request, String sha256, FlowVersionRecord flow,
            Lineage lineage, Instant now) {
        this.id = UUID.randomUUID();
        this.artifactId = artifactId;
        this.version = version;
        this.pythonType = request.pythonType();
        this.format = request.format();
        this.sizeBytes = request.sizeBytes();
        this.sha256 = sha256;
        this.description = request.description();
        this.tags.addAll(request.tags());
        this.flowName = flow.name();
        this.flowVersion = flow.version();
        this.flowId = flow.flowId();
        this.flowVersionId = flow.id();
        this.runId = lineage.runId();
        this.nodeId = lineage.nodeId();
        this.kernelId = lineage.kernelId();
        this.createdAt = now;
    }

    int version() {
        return version;
    }

    String sha256() {
        return sha256;
    }

    GlobalArtifactRecord toRecord(String name) {
        return new GlobalArtifactRecord(id, name, version, pythonType, format, sizeBytes, sha256, description, tags.stream().sorted().toList(),
                flowName, new Lineage(flowId, flowVersion, runId, nodeId, kernelId), createdAt);
    }
}
