package io.flowfile.catalog.flow;

import io.flowfile.catalog.api.FlowVersionRecord;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code flow_versions}: one immutable version, with its document (loaded only when read). */
@Entity
@Table(name = "flow_versions")
public class FlowVersionEntity {

    @Id
    private UUID id;

    @Column(name = "flow_id", nullable = false)
    private UUID flowId;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "content_sha256", nullable = false, length = 64)
    private String contentSha256;

    @Column(name = "format", nullable = false, length = 16)
    private String format;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Basic(fetch = FetchType.LAZY)
    @Column(name = "document", nullable = false)
    private byte[] document;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", length = 64)
    private String createdBy;

    protected FlowVersionEntity() {
    }

    FlowVersionEntity(UUID flowId, int version, String contentSha256, String format, byte[] document, String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.flowId = flowId;
        this.version = version;
        this.contentSha256 = contentSha256;
        this.format = format;
        this.sizeBytes = document.length;
        this.document = document.clone();
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    UUID flowId() {
        return flowId;
    }

    String contentSha256() {
        return contentSha256;
    }

    byte[] document() {
        return document;
    }

    FlowVersionRecord toRecord(String flowName) {
        return new FlowVersionRecord(id, flowId, flowName, version, contentSha256, format, sizeBytes, createdAt, createdBy);
    }
}
